import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { HealthController, READINESS_CHECKS } from './health.controller';
import type { ReadinessCheck } from './readiness-check';

/** `/health/live` and `/health/ready`; readiness runs the given checks (provided elsewhere). */
@Module({})
export class HealthModule {
  static forRoot(checks: readonly Type<ReadinessCheck>[]): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        {
          provide: READINESS_CHECKS,
          useFactory: (...instances: ReadinessCheck[]) => instances.map((instance) => ({
            name: instance.name,
            check: () => instance.check(),
          })),
          inject: [...checks],
        },
      ],
    };
  }
}
