import { DEFAULT_CONFIG_URL, DEFAULT_INGEST_URL } from './connection';

export const HELP = `hookbus: publish events, and follow deliveries, subscriptions, tenants and API keys

usage: hookbus <command> [options]

commands:
  events publish --type T --subject S (--data JSON | --data-file FILE)
                 [--source URI] [--id ID] [--time ISO] [--origin admin|shop|funnel]
  deliveries list [--subscription ID] [--event ID] [--subject S] [--status S]
                  [--since ISO] [--until ISO] [--limit N] [--cursor C]
  deliveries show ID
  deliveries retry ID
  deliveries recover --since ISO --until ISO [--subscription ID]
  subscriptions list [--cursor C]
  subscriptions create --plugin P --hook H --url URL [--method M] [--auth JSON]
                       [--settings JSON] [--error-emails a@x,b@y] | --from-file FILE
  subscriptions disable ID
  tenants create --name NAME
  keys create --tenant ID --roles admin,setup,producer
  keys revoke --tenant ID KEYID

options:
  --json               print the API's JSON answer instead of lines for people
  --config-url URL     config-service (HOOKBUS_URL, default ${DEFAULT_CONFIG_URL})
  --ingest-url URL     ingest-service (HOOKBUS_INGEST_URL, default ${DEFAULT_INGEST_URL})
  --key KEY            an API key (HOOKBUS_KEY): a producer key for events publish,
                       an admin or setup key for the rest
  --admin-token TOKEN  the operator token (HOOKBUS_ADMIN_TOKEN): tenants create, and
                       any other command but events publish when no key is given
  --attempts N         tries of a request that gets no answer, a 5xx or a 429 (default 5)
  -h, --help           this text

exit codes:
  0  done
  1  usage error: unknown command, missing or malformed option
  2  refused: the platform answered 4xx, or the event breaks the contract
     (checked before it is sent)
  3  unavailable: no answer, a 5xx or a 429 after every attempt
  4  anything else (a fault of the command itself)`;
