from django.conf import settings


def site(request):
    """What every page shows: the site's name and region, the crisis line and the quick exit."""
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
        "quick_exit_url": settings.QUICK_EXIT_URL,
    }
