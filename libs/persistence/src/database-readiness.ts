import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';

const CHECK_TIMEOUT_MS = 3_000;

/** Readiness of the service's database: `select 1` answers in time. Fits the platform's ReadinessCheck. */
@Injectable()
export class DatabaseReadiness {
  readonly name = 'database';

  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  async check(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    // A stalled pool would otherwise hold /health/ready open until the probe gives up.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.orm.em.getConnection().execute('select 1'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
