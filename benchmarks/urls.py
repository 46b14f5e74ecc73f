"""The app's URLs, and the floors under /floor/ (bench settings only)."""

from django.urls import include, path

from raidassess.urls import handler400
from raidassess.urls import urlpatterns as app_urlpatterns

from . import floors

urlpatterns = [path("floor/", include(floors.urlpatterns)), *app_urlpatterns]

__all__ = ["handler400", "urlpatterns"]
