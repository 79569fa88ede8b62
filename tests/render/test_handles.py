"""``handle_platform`` names: which platform, and where its handles and hashtags link."""

from __future__ import annotations

import pytest

from interviewkit.render.handles import known_platforms, platform_for


class TestPlatformFor:
    """Looking a platform up by the name written in ``handle_platform``."""

    @pytest.mark.parametrize("name", [None, ""])
    def test_absent_means_no_platform(self, name: str | None) -> None:
        """Without a name there is no platform, so handles stay plain text."""
        assert platform_for(name) is None

    @pytest.mark.parametrize("name", ["myspace", "mastodon", "mastodon:", "mastodon:localhost"])
    def test_unknown_names_have_no_platform(self, name: str) -> None:
        """An unknown name, or a Mastodon server that is not a domain, gives no platform."""
        assert platform_for(name) is None

    @pytest.mark.parametrize(
        ("name", "handle", "hashtag"),
        [
            ("twitter", "https://twitter.com/sam_fd", "https://twitter.com/hashtag/culture"),
            ("x", "https://x.com/sam_fd", "https://x.com/hashtag/culture"),
            (
                "instagram",
                "https://www.instagram.com/sam_fd/",
                "https://www.instagram.com/explore/tags/culture/",
            ),
            (
                "threads",
                "https://www.threads.net/@sam_fd",
                "https://www.threads.net/search?q=culture",
            ),
            ("tiktok", "https://www.tiktok.com/@sam_fd", "https://www.tiktok.com/tag/culture"),
            ("bluesky", "https://bsky.app/profile/sam_fd", "https://bsky.app/hashtag/culture"),
            ("Twitter", "https://twitter.com/sam_fd", "https://twitter.com/hashtag/culture"),
        ],
    )
    def test_known_platforms(self, name: str, handle: str, hashtag: str) -> None:
        """Each known platform links handles to profiles and hashtags to its tag pages."""
        platform = platform_for(name)
        assert platform is not None
        assert platform.handle_link("sam_fd") == handle
        assert platform.hashtag_link("culture") == hashtag

    def test_mastodon_server(self) -> None:
        """``mastodon:<server>`` links to that server, whatever its letter case."""
        platform = platform_for("mastodon:Social.Example.ORG")
        assert platform is not None
        assert platform.handle_link("alice") == "https://social.example.org/@alice"
        assert platform.hashtag_link("café") == "https://social.example.org/tags/caf%C3%A9"

    def test_mastodon_handle_on_another_server(self) -> None:
        """``@name@server`` is a person on another server: the link goes there."""
        platform = platform_for("mastodon:social.example.org")
        assert platform is not None
        match = platform.handle_pattern.match("bea@Other.Example.NET, hi")
        assert match is not None
        assert match.group(0) == "bea@Other.Example.NET"
        assert platform.handle_link(match.group(0)) == "https://other.example.net/@bea"

    def test_links_are_percent_encoded(self) -> None:
        """Characters outside a URL's safe set are percent-encoded in hashtag links."""
        platform = platform_for("twitter")
        assert platform is not None
        assert platform.hashtag_link("bibliothèques") == (
            "https://twitter.com/hashtag/biblioth%C3%A8ques"
        )

    @pytest.mark.parametrize(
        ("name", "text", "matched"),
        [
            ("twitter", "sam.fd", "sam"),
            ("instagram", "sam.fd.", "sam.fd"),
            ("bluesky", "alice.bsky.social.", "alice.bsky.social"),
            ("mastodon:social.example.org", "alice_b.", "alice_b"),
        ],
    )
    def test_handle_patterns(self, name: str, text: str, matched: str) -> None:
        """Each platform's handle pattern takes the characters its handles may contain."""
        platform = platform_for(name)
        assert platform is not None
        match = platform.handle_pattern.match(text)
        assert match is not None
        assert match.group(0) == matched

    def test_known_platforms_are_all_found(self) -> None:
        """Every name listed as accepted is found (the Mastodon one with a server)."""
        for name in known_platforms():
            assert platform_for(name.replace("<server>", "example.org")) is not None
