package dev.detour.health;

import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Short, readable names for certificate subjects and issuers. */
final class CertificateNames {
    private CertificateNames() {
    }

    /** {@code CN=R11,O=Let's Encrypt,C=US} → {@code R11 (Let's Encrypt)}; the full name when it has neither. */
    static String shortName(String rfc2253) {
        try {
            String cn = null;
            String o = null;
            List<Rdn> rdns = new ArrayList<>(new LdapName(rfc2253).getRdns());
            for (Rdn rdn : rdns) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    o = String.valueOf(rdn.getValue());
                }
            }
            if (cn == null && o == null) {
                return rfc2253;
            }
            if (cn == null) {
                return o;
            }
            return o == null ? cn : cn + " (" + o + ")";
        } catch (InvalidNameException e) {
            return rfc2253;
        }
    }
}
