-- Clients of the embedded token issuer (local mode). Secrets are stored as salted PBKDF2 hashes.
create table clients (
    client_id   varchar(255) primary key,
    name        varchar(255) not null unique,
    role        varchar(255) not null check (role in ('bot', 'experimenter', 'admin')),
    secret_hash varchar(255) not null,
    created_at  timestamptz not null
);

create table markets (
    id              varchar(255) primary key,
    name            varchar(255) not null,
    owner           varchar(255) not null,
    mechanism       varchar(255) not null,
    params          text not null,
    reference       text not null,
    seats           integer not null check (seats > 0),
    rounds          integer not null check (rounds >= 0),
    deadline_millis bigint not null check (deadline_millis > 0),
    miss_policy     varchar(255) not null,
    min_weight      bigint not null,
    max_weight      bigint not null,
    seed            bigint not null,
    status          varchar(255) not null check (status in ('open', 'finished', 'closed')),
    current_round   integer not null default 0,
    created_at      timestamptz not null,
    closed_at       timestamptz
);

create table seats (
    id         varchar(255) primary key,
    market_id  varchar(255) not null references markets (id),
    bot        varchar(255) not null,
    seat_index integer not null,
    joined_at  timestamptz not null,
    unique (market_id, bot),
    unique (market_id, seat_index)
);

-- Every report as it arrived (append-only); the latest of a seat in a round is the one that counts.
create table reports (
    id              bigserial primary key,
    market_id       varchar(255) not null references markets (id),
    round           integer not null,
    seat_id         varchar(255) not null references seats (id),
    idempotency_key varchar(255) not null,
    body_hash       varchar(255) not null,
    body            text not null,
    received_at     timestamptz not null,
    unique (seat_id, idempotency_key)
);
create index reports_by_round on reports (market_id, round, id);

create table rounds (
    market_id  varchar(255) not null references markets (id),
    round      integer not null,
    status     varchar(255) not null check (status in ('cleared', 'failed')),
    policy     text,
    failure    text,
    settled_at timestamptz not null,
    primary key (market_id, round)
);

create table seat_results (
    market_id varchar(255) not null,
    round     integer not null,
    seat_id   varchar(255) not null references seats (id),
    bot       varchar(255) not null,
    missed    boolean not null,
    value     double precision not null,
    payment   double precision not null,
    utility   double precision not null,
    primary key (market_id, round, seat_id),
    foreign key (market_id, round) references rounds (market_id, round)
);

-- Append-only: a payment is two entries (the bot pays, the market receives), so a market's entries sum to zero.
create table ledger_entries (
    id         bigserial primary key,
    market_id  varchar(255) not null references markets (id),
    round      integer not null,
    account    varchar(255) not null,
    amount     numeric not null,
    created_at timestamptz not null
);
create index ledger_by_market on ledger_entries (market_id, id);
create index ledger_by_account on ledger_entries (account, id);

create table experiments (
    id             varchar(255) primary key,
    name           varchar(255) not null,
    owner          varchar(255) not null,
    config         text not null,
    config_format  varchar(255) not null,
    status         varchar(255) not null check (status in ('queued', 'running', 'finished', 'failed')),
    sessions_done  bigint not null default 0,
    sessions_total bigint not null default 0,
    error          text,
    summary        text,
    created_at     timestamptz not null,
    finished_at    timestamptz
);

create table experiment_files (
    experiment_id varchar(255) not null references experiments (id),
    name          varchar(255) not null,
    content_type  varchar(255) not null,
    content       bytea not null,
    primary key (experiment_id, name)
);
