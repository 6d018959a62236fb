"""The edge reads the engine's settings once, and again when one changes."""

from apps.mocks.edge.config import engine_config


def test_the_config_is_built_once():
    assert engine_config() is engine_config()


def test_a_changed_setting_rebuilds_the_config(settings):
    before = engine_config()
    settings.MOCK_MAX_BODY_BYTES = 123
    settings.MOCK_CHAOS_TIMEOUT_SECONDS = "2.5"
    after = engine_config()
    assert after is not before
    assert (after.max_body_bytes, after.chaos_timeout_seconds) == (123, 2.5)


def test_other_settings_keep_the_config(settings):
    before = engine_config()
    settings.MOCK_JOURNAL_BODY_CAP = before.max_body_bytes
    settings.USE_TZ = True
    assert engine_config() == before


def test_a_missing_setting_falls_back_to_the_engine_default(settings):
    del settings.MOCK_CHAOS_DRIP_SECONDS
    assert engine_config().chaos_drip_seconds == 4.0
