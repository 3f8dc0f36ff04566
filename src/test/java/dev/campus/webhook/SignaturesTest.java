package dev.campus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.campus.support.WebhookReceiver;

/** Signatures are the Standard Webhooks ones: the specification's own example verifies. */
class SignaturesTest {

    @Test
    void theStandardWebhooksExampleSignsAsTheSpecificationSays() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"test\": 2432232314}";
        String signature = Signatures.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body);
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(WebhookReceiver.verify(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body, signature)).isTrue();
        assertThat(WebhookReceiver.verify(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265331", body, signature)).isFalse();
    }

    @Test
    void everyEndpointGetsItsOwnRandomSecret() {
        assertThat(Signatures.newSecret()).startsWith("whsec_").isNotEqualTo(Signatures.newSecret());
    }
}
