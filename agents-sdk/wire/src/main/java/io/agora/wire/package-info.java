/**
 * The records of Agora's HTTP API, shared by the gateway (which serves them) and by bots (which read them), so
 * that the two can never disagree on a field. Field names follow the round JSON format of the command line.
 */
package io.agora.wire;
