"""The portal's HTTP adapters, one module per part of the site."""

from madoguchi.portal.views.access import access_request, magic, sign_out
from madoguchi.portal.views.help import (
    help_article_view,
    help_category,
    help_home,
    help_search,
    help_vote,
)
from madoguchi.portal.views.home import home
from madoguchi.portal.views.new_request import new_done, new_form, new_help, new_pick
from madoguchi.portal.views.requests import request_detail, requests_list

__all__ = [
    "access_request",
    "help_article_view",
    "help_category",
    "help_home",
    "help_search",
    "help_vote",
    "home",
    "magic",
    "new_done",
    "new_form",
    "new_help",
    "new_pick",
    "request_detail",
    "requests_list",
    "sign_out",
]
