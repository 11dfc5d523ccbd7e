import { runMain } from './service-bootstrap';

describe('runMain', () => {
  const token = 'tok-0123456789abcdef';
  let written: string[];

  beforeEach(() => {
    written = [];
    process.env.HOOKBUS_ADMIN_TOKEN = token;
    jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    }
  });
  afterEach(() => {
    delete process.env.HOOKBUS_ADMIN_TOKEN;
    jest.restoreAllMocks();
  });

  it('exits 1 with the reason of a failed start, without the value of a secret variable it quotes', async () => {
    runMain('svc', () => Promise.reject(new Error(`cannot use ${token} as a key`)));
    // Lets the rejection reach runMain's handler: no timer involved.
    await new Promise(setImmediate);

    expect(process.exit).toHaveBeenCalledWith(1);
    const fatal = written.join('');
    expect(fatal).toContain('svc failed to start');
    expect(fatal).toContain('cannot use <HOOKBUS_ADMIN_TOKEN> as a key');
    expect(fatal).not.toContain(token);
  });
});
