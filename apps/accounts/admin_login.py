"""The admin sign-in page behind the shared login limit (apps.core.limits.login).

Past the limit the page is shown again with a message saying how long to wait,
answered 429 with Retry-After, and the password is not checked, right or wrong.
"""

from functools import wraps

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.limits.login import login_wait


class LimitedAdminAuthenticationForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "rate_limited": _(
            "Too many failed sign-in attempts. Try again in %(seconds)d seconds."
        ),
    }
    retry_after: int | None = None

    def clean(self):
        self.retry_after = login_wait(self.request, self.cleaned_data.get("username"))
        if self.retry_after is not None:
            raise ValidationError(
                self.error_messages["rate_limited"],
                code="rate_limited",
                params={"seconds": self.retry_after},
            )
        return super().clean()


def limited_login(login_view):
    """Wrap ``AdminSite.login``: a refusal by the form above becomes a 429."""

    @wraps(login_view)
    def login(request, extra_context=None):
        response = login_view(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        wait = getattr(form, "retry_after", None)
        if wait is not None:
            response.status_code = 429
            response["Retry-After"] = str(wait)
        return response

    return login


def install(site) -> None:
    site.login_form = LimitedAdminAuthenticationForm
    site.login = limited_login(site.login)
