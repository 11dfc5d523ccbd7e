import { EndpointSlots } from './endpoint-slots';

describe('EndpointSlots', () => {
  it('refuses a slot once an endpoint is full, whatever the path', () => {
    const slots = new EndpointSlots(2);
    expect(slots.tryAcquire('https://slow.example.com/a')).toBeDefined();
    expect(slots.tryAcquire('https://slow.example.com/b')).toBeDefined();
    expect(slots.tryAcquire('https://slow.example.com/c')).toBeUndefined();
  });

  it('keeps other endpoints free while one is full', () => {
    const slots = new EndpointSlots(1);
    slots.tryAcquire('https://slow.example.com/');
    expect(slots.tryAcquire('https://fast.example.com/')).toBeDefined();
  });

  it('frees a slot on release, once only', () => {
    const slots = new EndpointSlots(1);
    const release = slots.tryAcquire('https://a.example.com/x');
    release?.();
    release?.();
    expect(slots.busy('https://a.example.com/')).toBe(0);
    expect(slots.tryAcquire('https://a.example.com/y')).toBeDefined();
    expect(slots.tryAcquire('https://a.example.com/z')).toBeUndefined();
  });
});
