package io.agora.gateway.auth;

import java.util.List;
import java.util.Map;

/** The local issuer's login page and its error page, as HTML with every given value escaped. */
final class LoginPage {
    /** The authorization request's parameters the form carries through the sign-in. */
    private static final List<String> CARRIED = List.of("response_type", "client_id", "redirect_uri", "state", "code_challenge",
            "code_challenge_method");

    private LoginPage() {
    }

    /** The form, carrying the request's parameters, with an optional message above it. */
    static String form(Map<String, String> params, String message) {
        StringBuilder hidden = new StringBuilder();
        for (String name : CARRIED) {
            String value = params.get(name);
            if (value != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(value)).append("\">\n");
            }
        }
        String username = params.getOrDefault("username", "");
        return shell("""
                <h1>Sign in to Agora</h1>
                %s
                <form method="post" action="/oauth/authorize">
                %s<label for="username">Client id</label>
                <input id="username" name="username" autocomplete="username" required value="%s">
                <label for="password">Secret</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">Sign in</button>
                </form>
                <p class="hint">Use the client id and secret that <code>agora bots create NAME --role experimenter</code> printed
                (or a bot's, to see what that bot may see). The admin's are in the data folder's <code>admin-credentials.json</code>.</p>
                """.formatted(message == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>", hidden,
                escape(username)));
    }

    /** A page that says what went wrong and stops there. */
    static String error(String message) {
        return shell("<h1>Cannot sign in</h1>\n<p class=\"error\" role=\"alert\">" + escape(message) + "</p>\n"
                + "<p><a href=\"/ui/\">Back to Agora</a></p>");
    }

    private static String shell(String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in · Agora</title>
                <style>
                body{font:16px/1.5 system-ui,sans-serif;background:#f4f5f7;color:#1d2330;margin:0;display:flex;justify-content:center}
                main{background:#fff;margin:8vh 1rem;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;width:100%%;max-width:24rem}
                h1{font-size:1.4rem;margin:0 0 1rem}label{display:block;margin-top:.8rem;font-weight:600}
                input{width:100%%;box-sizing:border-box;padding:.5rem;font:inherit;border:1px solid #b8bfcc;border-radius:4px}
                button{margin-top:1.2rem;width:100%%;padding:.6rem;font:inherit;font-weight:600;color:#fff;background:#2f5fd0;border:0;border-radius:4px}
                .error{color:#a11d2b;background:#fdecee;padding:.5rem;border-radius:4px}.hint{color:#5a6270;font-size:.85rem}
                </style></head><body><main>
                %s</main></body></html>
                """.formatted(body);
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
