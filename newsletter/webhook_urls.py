"""The e-mail service provider's tracking webhook (/anymail/<esp>/tracking/), mounted only
when ANYMAIL_ESP is configured (newsletter/esp.py); otherwise this URLconf is empty."""

from .esp import tracking_urlpatterns

urlpatterns = tracking_urlpatterns()
