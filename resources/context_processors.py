from django.conf import settings


def site(request):
    """What every page shows: the site's name and region, and the crisis line."""
    return {
        "site_name": settings.SITE_NAME,
        "site_region": settings.SITE_REGION,
        "crisis_line": {
            "name": settings.CRISIS_LINE_NAME,
            "phone": settings.CRISIS_LINE_PHONE,
            "text": settings.CRISIS_LINE_TEXT,
            "chat_url": settings.CRISIS_LINE_CHAT_URL,
        },
        "emergency_number": settings.EMERGENCY_NUMBER,
    }
