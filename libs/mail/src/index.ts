export * from './mail-templates';
export * from './mail-sender';
export * from './mail-sender.factory';
export * from './message-id';
export * from './outbox-mail.sender';
export * from './smtp-mail.sender';
