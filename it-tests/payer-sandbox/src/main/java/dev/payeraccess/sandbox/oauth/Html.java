package dev.payeraccess.sandbox.oauth;

/** Minimal HTML page building for the sandbox's own pages; every value that came from a request is escaped. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String title, String body) {
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>%s</title>
            <style>
              body { font-family: system-ui, sans-serif; background: #f3f6f9; color: #1b2733; margin: 0; }
              main { max-width: 28rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem;
                     border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
              h1 { font-size: 1.4rem; margin-top: 0; }
              label { display: block; font-weight: 600; margin-top: .8rem; }
              input { width: 100%%; box-sizing: border-box; padding: .5rem; font-size: 1rem;
                      border: 1px solid #6b7b8c; border-radius: 4px; }
              .error { background: #fde8e8; color: #8a1c1c; padding: .6rem .8rem; border-radius: 4px; }
              .scopes { font-size: .9rem; color: #3d4b59; }
              .actions { display: flex; gap: .8rem; margin-top: 1.2rem; }
              button { padding: .6rem 1.2rem; font-size: 1rem; border-radius: 4px; border: 0; cursor: pointer; }
              button[value=verify] { background: #0b5cad; color: #fff; }
              button[value=deny] { background: #e4e8ec; color: #1b2733; }
            </style>
            </head>
            <body><main>
            %s
            </main></body>
            </html>
            """.formatted(escape(title), body);
    }
}
