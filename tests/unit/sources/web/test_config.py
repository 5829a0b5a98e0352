import re
from pathlib import Path

import pytest
import yaml

from pipeline.settings import PROJECT_ROOT
from pipeline.sources_file import FetchSettings, SourcesConfigError, load_sources, parse_sources

SOURCES_YAML = PROJECT_ROOT / "sources.yaml"


def _entry(**fields: object) -> dict:
    return {"name": "xinglongtai-gongxin", "listing_url": "https://www.example.gov.cn/list/", **fields}


def test_the_repository_config_and_its_documented_example_are_valid() -> None:
    config = load_sources(SOURCES_YAML)
    assert config.drop_folder == PROJECT_ROOT / "data" / "raw"

    text = SOURCES_YAML.read_text(encoding="utf-8")
    block = re.search(r"^# web_sources:\n((?:#   .*\n)+)", text, re.MULTILINE)
    assert block is not None, "the example entry in sources.yaml's comment block is gone"
    example = yaml.safe_load("web_sources:\n" + re.sub(r"^# ", "", block.group(1), flags=re.MULTILINE))
    (source,) = parse_sources(example).web_sources
    assert source.pagination is not None and source.pagination.url_template.endswith("index_{page}.html")
    assert re.search(source.link_text, "兴隆台区工信局2022年度部门决算")


def test_a_file_loads_with_defaults_and_a_drop_folder_relative_to_itself(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "sources.yaml"
    path.parent.mkdir()
    path.write_text(
        "drop_folder: ../raw\n"
        "web_sources:\n  - name: a\n    listing_url: http://127.0.0.1/x\n    link_url: '\\.pdf$'\n",
        encoding="utf-8",
    )
    config = load_sources(path)
    assert config.drop_folder == tmp_path / "raw"
    assert config.fetch.max_file_bytes == 100 * 1024 * 1024
    assert config.web_sources[0].min_links == 1


def test_a_wait_before_a_retry_is_capped_and_all_the_waits_leave_time_for_the_answer() -> None:
    assert FetchSettings().retry_wait_s == 60
    assert FetchSettings(max_download_s=3, retries=3).retry_wait_s == 0.75
    assert FetchSettings(max_download_s=100, retries=1, max_retry_wait_s=5).retry_wait_s == 5


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"web_sources": [_entry(link_text="(决算")]},
            "web_sources[0] ('xinglongtai-gongxin').link_text: not a valid regular expression",
        ),
        (
            {"web_sources": [_entry(listing_url="ftp://x/", link_text="a")]},
            "listing_url: must be an absolute http",
        ),
        ({"web_sources": [_entry()]}, "web_sources[0] ('xinglongtai-gongxin'): give link_text or link_url"),
        (
            {"web_sources": [_entry(link_text="a", pagination={"max_pages": 3})]},
            "pagination: give exactly one of next_link_text or url_template",
        ),
        (
            {"web_sources": [_entry(link_text="a", pagination={"url_template": "http://x/index.html"})]},
            "pagination: url_template must contain {page}",
        ),
        (
            {"web_sources": [_entry(link_text="a", region=None, lnk_url="x")]},
            "lnk_url: Extra inputs are not permitted",
        ),
        ({"web_sources": [_entry(link_text="a", name="Has Space")]}, "web_sources[0] ('Has Space').name:"),
        ({"fetch": {"retries": -1}}, "fetch.retries: Input should be greater than or equal to 0"),
        ({"fetch": {"max_retry_wait_s": 0}}, "fetch.max_retry_wait_s: Input should be greater than 0"),
        ({"web_sources": [_entry(link_text="a"), _entry(link_url="b")]}, "repeated: xinglongtai-gongxin"),
        ([], "(top level): Input should be a valid dictionary"),
    ],
)
def test_a_bad_entry_is_one_line_naming_the_entry_and_field(data: object, message: str) -> None:
    with pytest.raises(SourcesConfigError) as raised:
        parse_sources(data)
    text = str(raised.value)
    assert message in text and text.startswith("sources.yaml: ")
    assert "\n" not in text


def test_invalid_yaml_is_reported_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("web_sources: [\n", encoding="utf-8")
    with pytest.raises(SourcesConfigError, match=r"sources\.yaml: not valid YAML") as raised:
        load_sources(path)
    assert "\n" not in str(raised.value)
