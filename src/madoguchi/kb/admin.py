"""Admin for help articles."""

from django.contrib import admin

from madoguchi.kb.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "language", "intent", "updated_at")
    list_filter = ("language", "intent")
    search_fields = ("title", "slug", "intent", "body")
    prepopulated_fields = {"slug": ("title",)}
