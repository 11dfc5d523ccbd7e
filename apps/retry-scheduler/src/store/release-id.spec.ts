import { releaseId } from './release-id';

describe('releaseId', () => {
  it('is the same for a redelivered dead letter and differs per attempt', () => {
    expect(releaseId('dlv_a', 2)).toBe('dlv_a:2');
    expect(releaseId('dlv_a', 2)).toBe(releaseId('dlv_a', 2));
    expect(releaseId('dlv_a', 3)).not.toBe(releaseId('dlv_a', 2));
  });
});
