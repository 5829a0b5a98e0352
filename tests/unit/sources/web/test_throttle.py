import time

from pipeline.sources.web.throttle import HostThrottle


def test_requests_to_one_host_are_spaced_and_other_hosts_do_not_wait() -> None:
    throttle = HostThrottle(0.5)
    started = time.monotonic()
    throttle.wait("a.gov.cn")
    throttle.wait("b.gov.cn")
    assert time.monotonic() - started < 0.4
    throttle.wait("a.gov.cn")
    throttle.wait("a.gov.cn")
    assert time.monotonic() - started >= 1.0
