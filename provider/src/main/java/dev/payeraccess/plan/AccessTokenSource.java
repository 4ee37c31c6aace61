package dev.payeraccess.plan;

/**
 * The member's plan access token for one read, handed to {@link PlanFhirCall} by whoever keeps tokens, so
 * that calling a plan needs no knowledge of how tokens are stored or renewed.
 *
 * @param <E> how the source reports that no usable token can be had (e.g. the member must relink)
 */
public interface AccessTokenSource<E extends Exception> {

    /** The token to send now, renewed first when it is about to expire. */
    String current() throws E;

    /** After the plan answered 401 to {@code rejected}: a renewed token (renewed once across the cluster). */
    String renewedAfterRejection(String rejected) throws E;
}
