package io.modelwatch.support.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTest {

    static ApiKeys keys(String admin, String reader) {
        return new ApiKeys(new AuthSettings() {
            public boolean enabled() { return true; }
            public Optional<String> adminKeys() { return Optional.ofNullable(admin); }
            public Optional<String> readerKeys() { return Optional.ofNullable(reader); }
            public Optional<String> clientKey() { return Optional.empty(); }
            public boolean basic() { return false; }
            public String realm() { return "ModelWatch"; }
        });
    }

    @Test
    void anAdminKeyIsAlsoAReaderAReaderKeyOnlyAReader() {
        ApiKeys k = keys("a-one, a-two ,", "r-one");
        assertThat(k.roles("a-one")).containsExactlyInAnyOrder("admin", "reader");
        assertThat(k.roles("a-two")).containsExactlyInAnyOrder("admin", "reader");
        assertThat(k.roles("r-one")).containsExactly("reader");
        assertThat(k.configured()).isTrue();
    }

    @Test
    void unknownEmptyAndPrefixKeysGiveNoRole() {
        ApiKeys k = keys("a-one", "r-one");
        assertThat(k.roles("a-on")).isEmpty();
        assertThat(k.roles("a-one ")).isEmpty();
        assertThat(k.roles("")).isEmpty();
        assertThat(k.roles(null)).isEmpty();
    }

    @Test
    void withNoKeyConfiguredNothingGetsIn() {
        ApiKeys k = keys(" , ", null);
        assertThat(k.configured()).isFalse();
        assertThat(k.roles(",")).isEmpty();
        assertThat(k.roles("")).isEmpty();
    }
}
