package dev.payeraccess.it;

/** What an app that honours {@code Retry-After} does with a 429: wait as told, then send again. */
final class RetryAfter {

    private RetryAfter() {
    }

    @FunctionalInterface
    interface Call {
        ApiResponse send() throws Exception;
    }

    /** The first answer that is not a 429 (or the 30th 429). */
    static ApiResponse honoured(Call call) throws Exception {
        for (int attempt = 0; ; attempt++) {
            ApiResponse response = call.send();
            if (response.status() != 429 || attempt == 30) {
                return response;
            }
            Thread.sleep(1000L * Long.parseLong(response.header("Retry-After").orElse("1")));
        }
    }
}
