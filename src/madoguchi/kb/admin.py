"""Admin for help articles: every field editable, votes counted, filters by language/intent/category.

An edit is accepted only if the article could be written back to a file and imported again
(``article_file_text``), so ``madoguchi kb export`` never produces a file the next import rejects.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest

from madoguchi import taxonomy
from madoguchi.kb.loader import LANGUAGES, ArticleFileError
from madoguchi.kb.models import Article, ArticleVote
from madoguchi.kb.services import article_file_text


class LinesField(forms.CharField):
    """A list of strings edited as text, one item per line (blank lines ignored)."""

    widget = forms.Textarea

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class RelatedField(LinesField):
    """Related slugs: one per line, or separated by commas as in the article files."""

    def to_python(self, value) -> list[str]:
        items = super().to_python(value)
        return [part.strip() for item in items for part in item.split(",") if part.strip()]


class ArticleForm(forms.ModelForm):
    language = forms.ChoiceField(choices=[(code, code) for code in LANGUAGES])
    related = RelatedField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Slugs of related articles, one per line (or comma-separated), in order.",
    )
    examples = LinesField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Questions the way customers write them, one per line. They train the "
        "assistant's intent model.",
    )

    class Meta:
        model = Article
        fields = ("title", "slug", "language", "intent", "summary", "body", "related", "examples")
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 24}),
        }

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        draft = Article(**{name: cleaned.get(name) for name in self.Meta.fields})
        try:
            article_file_text(draft)
        except ArticleFileError as exc:
            # the loader's message starts with the would-be file name; the rest is the problem
            raise forms.ValidationError(str(exc).split(": ", 1)[-1]) from None
        return cleaned


class CategoryFilter(admin.SimpleListFilter):
    title = "category"
    parameter_name = "category"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [(category, names[0]) for category, names in taxonomy.CATEGORIES.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        return queryset.filter(intent__startswith=f"{value}.") if value else queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = (
        "title",
        "slug",
        "language",
        "intent",
        "helpful_votes",
        "unhelpful_votes",
        "helpful_ratio",
        "updated_at",
    )
    list_filter = ("language", CategoryFilter, "intent")
    search_fields = ("title", "slug", "intent", "body", "summary")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("updated_at",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                yes_count=Count("votes", filter=Q(votes__helpful=True)),
                no_count=Count("votes", filter=Q(votes__helpful=False)),
            )
        )

    @admin.display(description="helpful", ordering="yes_count")
    def helpful_votes(self, article: Article) -> int:
        return article.yes_count

    @admin.display(description="not helpful", ordering="no_count")
    def unhelpful_votes(self, article: Article) -> int:
        return article.no_count

    @admin.display(description="helpful ratio")
    def helpful_ratio(self, article: Article) -> str:
        total = article.yes_count + article.no_count
        return f"{article.yes_count / total:.0%}" if total else "–"


@admin.register(ArticleVote)
class ArticleVoteAdmin(admin.ModelAdmin):
    """Read-only: votes come from customers, an agent does not add or change them."""

    list_display = ("article", "helpful", "created_at", "updated_at")
    list_filter = ("helpful", "article__language")
    list_select_related = ("article",)
    search_fields = ("article__slug", "article__title")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
