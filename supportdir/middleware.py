"""Request clean-up that every page and the API rely on, before any view reads the request."""

NUL_ENCODINGS = ("%00", "\x00")


class DropNulFromQueryMiddleware:
    """Query parameters lose their NUL characters.

    No real search, place or filter holds one, and PostgreSQL refuses them in text (a DataError,
    so a 500, wherever a parameter reaches a query). Dropping them here covers every parameter of
    every page and of the API, present and future. Form posts need nothing: Django's text fields
    refuse NUL with a message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_string = request.META.get("QUERY_STRING", "")
        if any(encoding in query_string for encoding in NUL_ENCODINGS):
            for encoding in NUL_ENCODINGS:
                query_string = query_string.replace(encoding, "")
            request.META["QUERY_STRING"] = query_string
            # request.GET is parsed once, on first use: make sure that use sees the clean string.
            request.__dict__.pop("GET", None)
        return self.get_response(request)
