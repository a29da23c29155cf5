from django.urls import path

from resources.public import submissions, views

app_name = "resources"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("support/<slug:slug>/", views.kind_of_support, name="kind_of_support"),
    path("choose/", views.choose, name="choose"),
    path("choose/results/", views.chooser_results, name="chooser_results"),
    path("guides/", views.guide_index, name="guides"),
    path("guides/<slug:slug>/", views.guide, name="guide"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("services/<slug:slug>/", views.service_detail, name="service_detail"),
    path("services/<slug:slug>/meetings.ics", views.meetings_calendar, name="meetings_calendar"),
    path("services/<slug:slug>/report/", submissions.report_problem, name="report_problem"),
    path(
        "services/<slug:slug>/report/thanks/",
        submissions.report_thanks,
        name="report_thanks",
    ),
    path("suggest/", submissions.suggest, name="suggest"),
    path("suggest/thanks/", submissions.suggestion_thanks, name="suggestion_thanks"),
]
