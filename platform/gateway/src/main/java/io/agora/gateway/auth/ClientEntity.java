package io.agora.gateway.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A client of the embedded token issuer: its role and the salted hash of its secret. */
@Entity
@Table(name = "clients")
public class ClientEntity {
    @Id
    @Column(name = "client_id")
    public String clientId;
    public String name;
    public String role;
    @Column(name = "secret_hash")
    public String secretHash;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
