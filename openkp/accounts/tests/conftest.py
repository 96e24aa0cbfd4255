import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Password reset requests are counted in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()
