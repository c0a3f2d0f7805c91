package io.agora.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error answer (RFC 9457 problem details, {@code application/problem+json}).
 *
 * @param title  a short summary of the status
 * @param status the HTTP status
 * @param detail what went wrong, in words
 * @param field  the request field at fault, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, int status, String detail, String field) {
}
