import { refusedAddressReason } from '../../lambdas/core/fetch/ip-policy';

describe('SSRF address policy', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '10.0.0.5',
    '172.16.4.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fd00:ec2::254',
    'fc00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:10.0.0.1',
    'ff02::1',
  ])('refuses %s', (addr) => {
    expect(refusedAddressReason(addr)).not.toBeNull();
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows public %s',
    (addr) => {
      expect(refusedAddressReason(addr)).toBeNull();
    },
  );

  it('refuses what is not an address', () => {
    expect(refusedAddressReason('example.com')).toMatch(/not an IP/);
  });
});
