"""@handles and #hashtags: links to the platform the content says they belong to.

A portrait (or its anthology) names the platform with ``handle_platform``; without one, handles
and hashtags stay plain text, since a bare ``@name`` could belong to any network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

__all__ = ["Platform", "platform_for"]


@dataclass(frozen=True)
class Platform:
    """How to link a handle and a hashtag on one platform."""

    name: str
    handle_url: str
    hashtag_url: str
    handle_pattern: re.Pattern[str]
    federated: bool = False
    """Mastodon-like: ``@name@server`` is a person on another server, linked there."""

    def handle_link(self, handle: str) -> str:
        if self.federated and "@" in handle:
            user, server = handle.split("@", 1)
            return f"https://{server.lower()}/@{quote(user, safe='._-')}"
        return self.handle_url.format(handle=quote(handle, safe="._-"))

    def hashtag_link(self, tag: str) -> str:
        return self.hashtag_url.format(tag=quote(tag, safe=""))


_WORD = re.compile(r"[A-Za-z0-9_]{1,30}")
_DOTTED = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
# "@alice" on the configured server, or "@alice@other.example" on another one.
_FEDIVERSE = re.compile(rf"[A-Za-z0-9_]{{1,30}}(?:@{_DOMAIN.pattern})?")

_PLATFORMS = {
    "twitter": Platform(
        "twitter", "https://twitter.com/{handle}", "https://twitter.com/hashtag/{tag}", _WORD
    ),
    "x": Platform("x", "https://x.com/{handle}", "https://x.com/hashtag/{tag}", _WORD),
    "instagram": Platform(
        "instagram",
        "https://www.instagram.com/{handle}/",
        "https://www.instagram.com/explore/tags/{tag}/",
        _DOTTED,
    ),
    "threads": Platform(
        "threads",
        "https://www.threads.net/@{handle}",
        "https://www.threads.net/search?q={tag}",
        _DOTTED,
    ),
    "tiktok": Platform(
        "tiktok", "https://www.tiktok.com/@{handle}", "https://www.tiktok.com/tag/{tag}", _DOTTED
    ),
    "bluesky": Platform(
        "bluesky", "https://bsky.app/profile/{handle}", "https://bsky.app/hashtag/{tag}", _DOMAIN
    ),
}

_MASTODON_SERVER = re.compile(r"^mastodon:([a-z0-9-]+(?:\.[a-z0-9-]+)+)$")


def platform_for(name: str | None) -> Platform | None:
    """The platform named by ``handle_platform`` (``mastodon:<server>`` included), or ``None``."""
    if not name:
        return None
    match = _MASTODON_SERVER.match(name.lower())
    if match:
        server = match.group(1)
        return Platform(
            name,
            f"https://{server}/@{{handle}}",
            f"https://{server}/tags/{{tag}}",
            _FEDIVERSE,
            federated=True,
        )
    return _PLATFORMS.get(name.lower())


def known_platforms() -> list[str]:
    """Names accepted by ``handle_platform``."""
    return [*sorted(_PLATFORMS), "mastodon:<server>"]
