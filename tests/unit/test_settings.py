import pytest

from pipeline.settings import DEFAULT_MAX_FILE_BYTES, MAX_FILE_BYTES_ENV, Settings


def test_the_size_limit_is_100_mib_unless_the_environment_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAX_FILE_BYTES_ENV, raising=False)
    assert Settings.from_env().max_file_bytes == DEFAULT_MAX_FILE_BYTES == 104_857_600
    monkeypatch.setenv(MAX_FILE_BYTES_ENV, "1048576")
    assert Settings.from_env().max_file_bytes == 1_048_576


@pytest.mark.parametrize("value", ["100MB", "-1", "0", "1e6"])
def test_a_size_limit_that_is_no_byte_count_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(MAX_FILE_BYTES_ENV, value)
    expected = f"FISCAL_MAX_FILE_BYTES must be a positive whole number of bytes, not '{value}'"
    with pytest.raises(ValueError, match=expected):
        Settings.from_env()
