import pytest

from pipeline.settings import (
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_PARSE_CHUNK,
    MAX_EXPANDED_BYTES_ENV,
    MAX_FILE_BYTES_ENV,
    PARSE_CHUNK_ENV,
    PARSE_MEMORY_ENV,
    PARSE_TIMEOUT_ENV,
    ReadLimits,
    Settings,
    parse_chunk,
)


def test_the_size_limit_is_100_mib_unless_the_environment_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAX_FILE_BYTES_ENV, raising=False)
    assert Settings.from_env().limits.file_bytes == DEFAULT_MAX_FILE_BYTES == 104_857_600
    monkeypatch.setenv(MAX_FILE_BYTES_ENV, "1048576")
    assert Settings.from_env().limits.file_bytes == 1_048_576


@pytest.mark.parametrize("value", ["100MB", "-1", "0", "1e6"])
def test_a_size_limit_that_is_no_byte_count_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(MAX_FILE_BYTES_ENV, value)
    expected = f"FISCAL_MAX_FILE_BYTES must be a positive whole number of bytes, not '{value}'"
    with pytest.raises(ValueError, match=expected):
        Settings.from_env()


def test_the_read_limits_have_defaults_a_real_report_never_meets_and_the_environment_sets_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for var in (MAX_EXPANDED_BYTES_ENV, PARSE_TIMEOUT_ENV, PARSE_MEMORY_ENV):
        monkeypatch.delenv(var, raising=False)
    assert Settings.from_env().limits == ReadLimits(
        file_bytes=100 * 2**20, expanded_bytes=256 * 2**20, seconds=300.0, memory_bytes=2048 * 2**20
    )
    monkeypatch.setenv(MAX_EXPANDED_BYTES_ENV, "1000")
    monkeypatch.setenv(PARSE_TIMEOUT_ENV, "2.5")
    monkeypatch.setenv(PARSE_MEMORY_ENV, "300")
    limits = Settings.from_env().limits
    assert (limits.expanded_bytes, limits.seconds, limits.memory_bytes) == (1000, 2.5, 300 * 2**20)


@pytest.mark.parametrize(("var", "value"), [(PARSE_TIMEOUT_ENV, "0"), (PARSE_TIMEOUT_ENV, "soon"),
                                            (PARSE_TIMEOUT_ENV, "inf"), (PARSE_MEMORY_ENV, "2GB"),
                                            (PARSE_MEMORY_ENV, "100")])
def test_a_read_limit_that_is_no_number_is_refused(monkeypatch: pytest.MonkeyPatch, var: str, value: str) -> None:
    monkeypatch.setenv(var, value)
    with pytest.raises(ValueError, match=f"{var} must be (a positive|at least 256)"):
        Settings.from_env()


def test_a_chunk_of_the_read_is_500_documents_unless_the_environment_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PARSE_CHUNK_ENV, raising=False)
    assert parse_chunk() == DEFAULT_PARSE_CHUNK == 500
    monkeypatch.setenv(PARSE_CHUNK_ENV, "2")
    assert parse_chunk() == 2
    for value in ("0", "ten", "-3"):
        monkeypatch.setenv(PARSE_CHUNK_ENV, value)
        with pytest.raises(ValueError, match=f"{PARSE_CHUNK_ENV} must be a positive whole number of documents"):
            parse_chunk()
