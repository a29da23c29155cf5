"""What visitors see and send: the public pages, their forms and the defences of those forms.

urls.py routes to `views` (home, search, browse, guides, the chooser, a service's page and its
meetings calendar) and `submissions` (suggest a resource, report a problem). Settings name
`context` (site-wide template context), `spam.client_address` and `submissions.csrf_failure`.
`chooser.terms` and `guides` are read by other pages; nothing below public/ imports from here.
"""
