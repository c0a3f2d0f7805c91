package io.agora.runtime.system;

/**
 * Marks messages that may cross nodes; {@code application.conf} binds it to Pekko's Jackson CBOR
 * serializer. Messages that carry live objects (mechanism instances, full-information oracles) are
 * local-only and say so.
 */
public interface CborSerializable {
}
