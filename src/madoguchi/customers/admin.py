"""Admin for customers and their contact identities; magic links are shown, never their token."""

from django.contrib import admin

from madoguchi.customers.models import ContactIdentity, Customer, MagicLink


class ContactIdentityInline(admin.TabularInline):
    model = ContactIdentity
    fields = ("kind", "value", "verified_at", "created_at")
    readonly_fields = ("kind", "value", "verified_at", "created_at")
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # identities are normalised and de-duplicated by the customer service


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ("__str__", "public_id", "language", "created_at")
    list_filter = ("language",)
    search_fields = ("display_name", "identities__value", "public_id")
    readonly_fields = ("public_id", "created_at")
    inlines = [ContactIdentityInline]

    def has_add_permission(self, request) -> bool:
        return False  # customers come in through intake


@admin.register(MagicLink)
class MagicLinkAdmin(admin.ModelAdmin):
    list_display = ("customer", "created_at", "expires_at", "used_at")
    list_filter = ("used_at", "expires_at")
    search_fields = ("customer__display_name", "customer__identities__value")
    list_select_related = ("customer",)
    fields = ("customer", "created_at", "expires_at", "used_at")  # never the token hash
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
