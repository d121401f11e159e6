"""Where the platform is and how it is reached: which base URLs a counter accepts (https, or http to this
machine only), the CA bundle TLS is always verified against, and the Retry-After a busy platform sends."""

from __future__ import annotations

import ipaddress
import os
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import certifi

from counter_app.domain.errors import PlatformError

MAX_RETRY_AFTER_S = 3600.0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_platform_url(url: str) -> str:
    """The base URL without a trailing slash; https, or plain http only to this machine (loopback)."""
    parts = urlsplit(str(url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PlatformError("platform_config", f"平台地址无效：{url!r}（应为 https://...）",
                            f"Invalid platform address {url!r} (expected https://...)")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise PlatformError("platform_insecure", "平台地址必须使用 https（加密连接），http 仅允许本机测试",
                            "The platform address must use https; plain http is allowed only to this machine")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def verify_setting(ca_bundle: str | os.PathLike[str] | None) -> str:
    """Always a CA bundle path: TLS verification cannot be switched off, not even by REQUESTS_CA_BUNDLE or
    CURL_CA_BUNDLE in the environment (requests only consults those when ``verify`` is True)."""
    if ca_bundle is None:
        return certifi.where()
    if isinstance(ca_bundle, bool) or not str(ca_bundle).strip():
        raise PlatformError("platform_config", "证书校验不能关闭；请提供 CA 证书文件路径",
                            "TLS verification cannot be switched off; give a CA bundle file instead")
    path = os.fspath(ca_bundle)
    if not os.path.isfile(path):
        raise PlatformError("platform_config", f"找不到 CA 证书文件：{path}", f"CA bundle file not found: {path}")
    return path


def retry_after_s(value: str | None) -> float | None:
    """A Retry-After header (seconds or an HTTP date) as seconds from now, within 0..MAX_RETRY_AFTER_S."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        parsed = parsedate_to_datetime(value) if value else None
        if parsed is None:
            return None
        seconds = parsed.timestamp() - time.time()
    return max(0.0, min(seconds, MAX_RETRY_AFTER_S))
