"""The daemon's tunables (``[daemon]`` in the configuration) and the dispatch policy.

Durations are given as seconds (a number) or as a lead-time string ("30s", "2m", "1h").
The defaults suit a real installation; tests shorten them to keep subprocess tests quick.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import timedelta
from typing import Any

from watcher.config import Config, QuietHours, Rate, RetryPolicy
from watcher.core.leads import parse_lead
from watcher.core.messages import check_templates
from watcher.errors import ConfigError
from watcher.web.settings import HttpSettings

_COUNTS = ("batch_size", "concurrency", "per_channel")
_MAY_BE_ZERO = ("group_window",)


def _seconds(value: object, key: str) -> float:
    if isinstance(value, bool):
        raise ConfigError(f"daemon.{key} must be a duration such as 30 or '30s'")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        lead = parse_lead(str(value))
        seconds = float(lead.days * 86400 + lead.seconds)
    if seconds < 0 or (seconds == 0 and key not in _MAY_BE_ZERO):
        raise ConfigError(f"daemon.{key} must be positive, not {value!r}")
    return seconds


@dataclass(frozen=True)
class DaemonOptions:
    """How often the daemon looks, and how long it lets a claim or a send last.

    These defaults are the only copy: :data:`DAEMON_KEYS` and :class:`Policy` read them
    from here, and ``config/watcher.example.toml`` documents each."""

    poll_interval: float = 1.0  # how often the change marker is read (edits seen within 2 s)
    reconcile_interval: float = 30.0  # full re-check of the next wake-up (other daemons' retries)
    heartbeat_interval: float = 10.0  # daemon row in the database + systemd watchdog
    digest_interval: float = 60.0  # retry of missed-alert summaries that could not be sent
    lease: float = 120.0  # how long a claim is valid; must exceed send_timeout
    send_timeout: float = 30.0  # the longest one send may take (all URLs of a channel)
    late_after: float = 60.0  # an alert sent this long after its fire time is marked late
    batch_size: int = 100  # alerts claimed per transaction
    concurrency: int = 64  # sends in flight at once
    per_channel: int = 64  # sends in flight to one channel at once
    group_window: float = 5.0  # reminders due this close together: one message (0: off)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> DaemonOptions:
        unknown = sorted(set(data) - set(DAEMON_KEYS))
        if unknown:
            raise ConfigError(
                f"unknown key daemon.{unknown[0]}: known keys are {', '.join(DAEMON_KEYS)}"
            )
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key in _COUNTS:
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    raise ConfigError(f"daemon.{key} must be a positive whole number")
                values[key] = value
            else:
                values[key] = _seconds(value, key)
        options = cls(**values)
        if options.lease <= options.send_timeout + 1:
            raise ConfigError(
                "daemon.lease must be longer than daemon.send_timeout (by more than 1 s), "
                "or a slow send could be claimed and sent again by another daemon"
            )
        return options


DAEMON_KEYS = tuple(f.name for f in fields(DaemonOptions))
"""The keys of ``[daemon]``."""
_DEFAULTS = DaemonOptions()


def _stale_after(options: DaemonOptions) -> timedelta:
    return timedelta(seconds=max(5 * options.heartbeat_interval, 5.0))


def alive_within(daemon: Mapping[str, Any]) -> timedelta:
    """A daemon whose heartbeat is older than this is gone, for `watcher status` and
    /healthz (a broken ``[daemon]`` section falls back to the defaults: neither may fail)."""
    try:
        interval = DaemonOptions.from_mapping(daemon).heartbeat_interval
    except Exception:  # status and monitoring must work even then
        interval = _DEFAULTS.heartbeat_interval
    return timedelta(seconds=max(30.0, 3 * interval))


@dataclass(frozen=True)
class Policy:
    """What one dispatch pass needs to know besides the store and the notifier."""

    retry: RetryPolicy = field(default_factory=RetryPolicy)
    quiet_hours: QuietHours | None = None
    timezone: str = "UTC"  # where quiet hours are counted
    missed_alerts: str = "summary"
    templates: Mapping[str, str] = field(default_factory=dict)
    lease: timedelta = timedelta(seconds=_DEFAULTS.lease)
    send_timeout: float = _DEFAULTS.send_timeout
    late_after: timedelta = timedelta(seconds=_DEFAULTS.late_after)
    public_url: str = ""  # http.public_url: messages carry done/snooze links when set
    link_lifetime: timedelta = timedelta(days=7)
    batch_size: int = _DEFAULTS.batch_size
    concurrency: int = _DEFAULTS.concurrency
    per_channel: int = _DEFAULTS.per_channel
    group_window: timedelta = timedelta(seconds=_DEFAULTS.group_window)
    rates: Mapping[str, Rate] = field(default_factory=dict)  # channel -> rate limit
    stale_after: timedelta = field(  # a heartbeat this old: the daemon is gone
        default_factory=lambda: _stale_after(_DEFAULTS)
    )

    @classmethod
    def from_config(cls, config: Config) -> Policy:
        """The policy a configuration describes; raises ConfigError for bad daemon keys."""
        options = DaemonOptions.from_mapping(config.daemon)
        http = HttpSettings.from_mapping(config.http)
        try:
            check_templates(config.templates)
        except ValueError as error:
            raise ConfigError(str(error)) from None
        return cls(
            retry=config.retry,
            quiet_hours=config.quiet_hours,
            timezone=config.timezone,
            missed_alerts=config.missed_alerts,
            templates=dict(config.templates),
            lease=timedelta(seconds=options.lease),
            send_timeout=options.send_timeout,
            late_after=timedelta(seconds=options.late_after),
            batch_size=options.batch_size,
            public_url=http.public_url,
            link_lifetime=timedelta(seconds=http.link_lifetime),
            concurrency=options.concurrency,
            per_channel=options.per_channel,
            group_window=timedelta(seconds=options.group_window),
            rates={name: c.rate for name, c in config.channels.items() if c.rate is not None},
            stale_after=_stale_after(options),
        )


__all__ = ["DAEMON_KEYS", "DaemonOptions", "Policy", "alive_within"]
