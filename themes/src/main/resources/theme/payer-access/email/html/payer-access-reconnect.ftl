<#-- The reconnect e-mail, HTML part (lifecycle sink reconnect-email). Never names the plan: which health plan a
     person belongs to is health information. Copy it into the realm's e-mail theme to change the wording. -->
<html>
<body>
<h1 style="font-size:1.3em">Reconnect your health plan</h1>
<#if ending>
<p>One of your health plan connections at ${realmName} ends on <strong>${endsOn}</strong>.</p>
<#else>
<p>One of your health plan connections at ${realmName} has ended: your health plan asked you to connect again.</p>
</#if>
<p>Your apps can keep reading your claims and coverage only while your health plan is connected. Sign in to the app
you use with your health plan data and choose <strong>Reconnect</strong>.</p>
<p>If you did not expect this message, you can ignore it.</p>
</body>
</html>
