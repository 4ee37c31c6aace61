<#ftl output_format="plainText">
<#-- The reconnect e-mail, text part (lifecycle sink reconnect-email). Never names the plan: which health plan a
     person belongs to is health information. Copy it into the realm's e-mail theme to change the wording. -->
<#if ending>
One of your health plan connections at ${realmName} ends on ${endsOn}.
<#else>
One of your health plan connections at ${realmName} has ended: your health plan asked you to connect again.
</#if>

Your apps can keep reading your claims and coverage only while your health plan is connected. Sign in to the app
you use with your health plan data and choose Reconnect.

If you did not expect this message, you can ignore it.
