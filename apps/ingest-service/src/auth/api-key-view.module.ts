import { Global, Module } from '@nestjs/common';
import { ApiKeyView } from './api-key-view';
import { ApiKeyViewReadiness } from './api-key-view.readiness';

// Global because the platform's health module resolves readiness checks from global providers.
@Global()
@Module({ providers: [ApiKeyView, ApiKeyViewReadiness], exports: [ApiKeyView, ApiKeyViewReadiness] })
export class ApiKeyViewModule {}
