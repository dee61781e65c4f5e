"""The customer portal, at the site root."""

from django.urls import path

from madoguchi.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_home, name="help"),
    path("help/search/", views.help_search, name="help_search"),
    path("help/category/<str:category>/", views.help_category, name="help_category"),
    path("help/<slug:slug>/", views.help_article_view, name="help_article"),
    path("help/<slug:slug>/vote/", views.help_vote, name="help_vote"),
    path("new/", views.new_pick, name="new_pick"),
    path("new/sent/", views.new_done, name="new_done"),
    path("new/<str:intent_id>/", views.new_help, name="new_help"),
    path("new/<str:intent_id>/contact/", views.new_form, name="new_form"),
    path("access/", views.access_request, name="access"),
    path("access/<str:token>/", views.magic, name="magic"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("requests/", views.requests_list, name="requests"),
    path("requests/<str:public_id>/", views.request_detail, name="request"),
]
