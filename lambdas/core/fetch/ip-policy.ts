/**
 * SSRF policy: which resolved addresses the fetcher may connect to. Anything that is not a
 * public unicast address is refused — loopback, RFC 1918, link-local (including the cloud
 * metadata address 169.254.169.254), CGNAT, multicast, unspecified, reserved, IPv6 ULA, and
 * IPv4-mapped / embedded IPv6 forms of any of those.
 */
import ipaddr from 'ipaddr.js';

/** Returns why the address is refused, or null when it is a public unicast address. */
export function refusedAddressReason(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return `not an IP address: ${address}`;
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return refusedAddressReason(v6.toIPv4Address().toString());
    // NAT64 / 6to4 / Teredo embed an IPv4 address that could be private: refuse them outright.
  }
  const range = parsed.range();
  if (range === 'unicast') return null;
  return `${address} is a ${range} address`;
}

/** True when `host` is an IP literal (IPv6 may come bracketed from a URL). */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ''));
}
