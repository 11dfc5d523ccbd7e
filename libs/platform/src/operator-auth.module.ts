import { type DynamicModule, Module } from '@nestjs/common';
import { OPERATOR_TOKEN } from './operator.guard';

/** Provides the operator token to every module, so any controller can take `@UseGuards(OperatorGuard)`. */
@Module({})
export class OperatorAuthModule {
  static forRoot(operatorToken: string): DynamicModule {
    return {
      module: OperatorAuthModule,
      global: true,
      providers: [{ provide: OPERATOR_TOKEN, useValue: operatorToken }],
      exports: [OPERATOR_TOKEN],
    };
  }
}
