package com.redeemupload.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.remote.SftpConfiguration;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.spi.EndpointStrategy;

import java.util.Objects;

/**
 * Gives the SFTP intake's endpoints (those on {@code redeem.sftp.host} as {@code redeem.sftp.user} that have no
 * password of their own) the password {@code redeem.sftp.password} once they are made, rather than in their URIs:
 * Camel masks a password in the URIs it logs only up to its first {@code )}, so a password such as
 * {@code s3cr&t+pa%20ss=w)rd} showed as {@code password=xxxxxxrd)} in every failed-poll warning.
 */
public final class SftpPassword implements EndpointStrategy {

    private final CamelContext context;

    public SftpPassword(CamelContext context) {
        this.context = context;
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        if (endpoint instanceof SftpEndpoint sftp) {
            SftpConfiguration configuration = sftp.getConfiguration();
            String password = property("redeem.sftp.password");
            if (configuration.getPassword() == null && password != null && !password.isEmpty()
                    && Objects.equals(configuration.getHost(), property("redeem.sftp.host"))
                    && Objects.equals(configuration.getUsername(), property("redeem.sftp.user"))) {
                configuration.setPassword(password);
            }
        }
        return endpoint;
    }

    /** Read when an endpoint is made, so that properties given at run time (tests) count. */
    private String property(String key) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(null);
    }
}
