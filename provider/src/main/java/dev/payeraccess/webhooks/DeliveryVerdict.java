package dev.payeraccess.webhooks;

/**
 * What a receiver's answer means for a message: any 2xx delivers it; 410 Gone says the endpoint is gone for good
 * (the subscription is disabled at once, as Standard Webhooks asks); anything else, redirects included (they are
 * never followed), and no answer at all are tried again later.
 */
enum DeliveryVerdict {
    DELIVERED,
    GONE,
    RETRY;

    static DeliveryVerdict of(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        return status == 410 ? GONE : RETRY;
    }
}
