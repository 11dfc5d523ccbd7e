import { Controller, Get, HttpStatus, Inject, type BeforeApplicationShutdown, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ReadinessCheck } from './readiness-check';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

@Controller('health')
export class HealthController implements BeforeApplicationShutdown {
  private draining = false;

  constructor(@Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[]) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when every dependency answers, 503 (with the failing ones) otherwise or while shutting down. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<object> {
    const results = await Promise.all(
      this.checks.map(async ({ name, check }) => {
        try {
          await check();
          return [name, 'up'] as const;
        } catch (error) {
          return [name, `down: ${error instanceof Error ? error.message : String(error)}`] as const;
        }
      }),
    );
    const ready = !this.draining && results.every(([, state]) => state === 'up');
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : this.draining ? 'draining' : 'unavailable', checks: Object.fromEntries(results) };
  }

  // Load balancers stop routing to an instance as soon as it starts shutting down.
  beforeApplicationShutdown(): void {
    this.draining = true;
  }
}
