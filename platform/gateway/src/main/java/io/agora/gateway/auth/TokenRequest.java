package io.agora.gateway.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A token request, decoded strictly from its form body and Authorization header: each parameter at most once, valid
 * percent-encoding, no control characters, bounded lengths. Two grants: client credentials (RFC 6749 §4.4; bots and
 * scripts), with the client authenticated by exactly one method (HTTP Basic or the form), and the authorization code of
 * a sign-in through the login page (§4.1), which the web UI, a public client, redeems with its PKCE verifier (RFC 7636).
 *
 * @param clientId     the client (the bot or user for client credentials; the web UI for a code)
 * @param clientSecret its secret (client credentials), or {@code null}
 * @param code         the authorization code, or {@code null} for client credentials
 * @param codeVerifier the PKCE verifier of the code, or {@code null}
 * @param redirectUri  the redirect URI the code was issued for, or {@code null}
 */
record TokenRequest(String clientId, String clientSecret, String code, String codeVerifier, String redirectUri) {
    private static final int MAX_FIELD = 255;

    /** A refused request: the HTTP status and OAuth2 error code. */
    static final class Refusal extends Exception {
        private final int status;
        private final String code;

        Refusal(int status, String code, String description) {
            super(description, null, false, false);
            this.status = status;
            this.code = code;
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }
    }

    static TokenRequest parse(String body, String authorization) throws Refusal {
        Map<String, String> form = form(body);
        String grant = form.get("grant_type");
        if (grant == null) {
            throw new Refusal(400, "invalid_request", "grant_type is required");
        }
        if ("authorization_code".equals(grant)) {
            if (authorization != null || form.containsKey("client_secret")) {
                throw new Refusal(400, "invalid_request", "a code is redeemed by a public client with its code_verifier, without a secret");
            }
            String[] names = {"client_id", "code", "code_verifier", "redirect_uri"};
            String[] values = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                String value = form.get(names[i]);
                if (value == null || value.isEmpty()) {
                    throw new Refusal(400, "invalid_request", names[i] + " is required with grant_type authorization_code");
                }
                values[i] = checked(names[i], value);
            }
            return new TokenRequest(values[0], null, values[1], values[2], values[3]);
        }
        if (!"client_credentials".equals(grant)) {
            throw new Refusal(400, "unsupported_grant_type", "grant_type must be client_credentials or authorization_code");
        }
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (secret != null) {
                throw new Refusal(400, "invalid_request", "authenticate with HTTP Basic or with client_secret in the form, not both");
            }
            String[] pair = basic(authorization.substring(6).trim());
            if (id != null && !id.equals(pair[0])) {
                throw new Refusal(400, "invalid_request", "client_id in the form differs from the one in HTTP Basic");
            }
            id = pair[0];
            secret = pair[1];
        } else if (authorization != null) {
            throw new Refusal(401, "invalid_client", "the Authorization header must use the Basic scheme");
        }
        if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
            throw new Refusal(401, "invalid_client", "client_id and client_secret are required");
        }
        return new TokenRequest(checked("client_id", id), checked("client_secret", secret), null, null, null);
    }

    /** Whether this request redeems an authorization code. */
    boolean redeemsCode() {
        return code != null;
    }

    /** The fields of a form body, each at most once (the login page's form too). */
    static Map<String, String> form(String body) throws Refusal {
        Map<String, String> form = new HashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1), name);
            if (form.put(name, value) != null) {
                throw new Refusal(400, "invalid_request", name + " appears more than once");
            }
        }
        return form;
    }

    private static String decode(String raw, String what) throws Refusal {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "invalid_request", what + " is not valid percent-encoding");
        }
    }

    /** The client id and secret of an HTTP Basic credential (each form-urlencoded, RFC 6749 §2.3.1). */
    private static String[] basic(String encoded) throws Refusal {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refusal(401, "invalid_client", "the Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new Refusal(401, "invalid_client", "the Basic credentials must be client_id:client_secret");
        }
        return new String[] {decode(decoded.substring(0, colon), "the Basic client id"), decode(decoded.substring(colon + 1), "the Basic secret")};
    }

    private static String checked(String name, String value) throws Refusal {
        if (value.length() > MAX_FIELD) {
            throw new Refusal(400, "invalid_request", name + " is over " + MAX_FIELD + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new Refusal(400, "invalid_request", name + " contains a control character");
            }
        }
        return value;
    }
}
