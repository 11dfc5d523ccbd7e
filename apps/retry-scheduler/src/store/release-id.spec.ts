import { releaseId } from './release-id';

describe('releaseId', () => {
  it('is the same for a redelivered dead letter and differs per attempt', () => {
    expect(releaseId('dlv_a', 2)).toBe('dlv_a:2');
    expect(releaseId('dlv_a', 2)).toBe(releaseId('dlv_a', 2));
    expect(releaseId('dlv_a', 3)).not.toBe(releaseId('dlv_a', 2));
  });

  it('differs each time an attempt is put off, which keeps its attempt number', () => {
    expect(releaseId('dlv_a', 2, 1)).toBe('dlv_a:2:d1');
    expect(releaseId('dlv_a', 2, 2)).toBe('dlv_a:2:d2');
    expect(new Set([releaseId('dlv_a', 2), releaseId('dlv_a', 2, 1), releaseId('dlv_a', 2, 2), releaseId('dlv_a', 3, 1)]).size).toBe(4);
  });
});
