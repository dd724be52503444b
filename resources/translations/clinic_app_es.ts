<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About {APP_NAME}</source>
        <translation>Acerca de {APP_NAME}</translation>
    </message>
    <message>
        <source>Show the &amp;font licence</source>
        <translation>Ver la &amp;licencia de las fuentes</translation>
    </message>
    <message>
        <source>DejaVu fonts licence</source>
        <translation>Licencia de las fuentes DejaVu</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>&amp;Añadir cuenta…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>Set &amp;password…</source>
        <translation>Poner &amp;contraseña…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>The accounts could not be changed.</source>
        <translation>No se pudieron cambiar las cuentas.</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Activar</translation>
    </message>
    <message>
        <source>Added {username} ({role}).</source>
        <translation>Se añadió {username} ({role}).</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>Desactivar la cuenta</translation>
    </message>
    <message>
        <source>Disable {display_name} ({username})? They can no longer log in, and a session of theirs stops at its next step. Their records and signatures stay as they are.</source>
        <translation>¿Desactivar a {display_name} ({username})? Ya no podrá iniciar sesión, y una sesión suya abierta se detiene en su siguiente paso. Sus registros y firmas se quedan como están.</translation>
    </message>
    <message>
        <source>Enabled {username}. On an encrypted database they log in again only after you set a new password for them (Set password…): disabling took their key to the data away.</source>
        <translation>Se activó {username}. En una base de datos cifrada solo podrá volver a iniciar sesión cuando le ponga una contraseña nueva (Poner contraseña…): al desactivar la cuenta se retiró su llave de los datos.</translation>
    </message>
    <message>
        <source>Disabled {username}.</source>
        <translation>Se desactivó {username}.</translation>
    </message>
    <message>
        <source>New password set for {username}.</source>
        <translation>Nueva contraseña puesta para {username}.</translation>
    </message>
</context>
<context>
    <name>AddendumDialog</name>
    <message>
        <source>Add addendum</source>
        <translation>Añadir adenda</translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation>Adenda</translation>
    </message>
    <message>
        <source>Reason for the addendum</source>
        <translation>Motivo de la adenda</translation>
    </message>
    <message>
        <source>e.g. measurement typed wrongly; patient called with news</source>
        <translation>p. ej. medida mal escrita; el paciente llamó con novedades</translation>
    </message>
    <message>
        <source>&amp;What to add:</source>
        <translation>&amp;Qué añadir:</translation>
    </message>
    <message>
        <source>&amp;Why:</source>
        <translation>&amp;Por qué:</translation>
    </message>
    <message>
        <source>&amp;Add addendum</source>
        <translation>&amp;Añadir adenda</translation>
    </message>
    <message>
        <source>The addendum is signed by {signer} with today&apos;s date and time, shown with the visit and printed with its summary. The signed visit itself does not change.</source>
        <translation>La adenda la firma {signer} con la fecha y hora de hoy; se muestra con la visita y se imprime con su resumen. La visita firmada no cambia.</translation>
    </message>
</context>
<context>
    <name>AmberNote</name>
    <message>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
</context>
<context>
    <name>AnswerSheet</name>
    <message>
        <source>{value} answer {value2}, {min} to {max}</source>
        <translation>{value}: respuesta {value2}, de {min} a {max}</translation>
    </message>
    <message>
        <source>Activity {value}</source>
        <translation>Actividad {value}</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>Dark is easier on the eyes in a dim treatment room. This computer only: other rooms keep theirs.</source>
        <translation>El oscuro cansa menos la vista en una sala de tratamiento con poca luz. Solo en este ordenador: las demás salas mantienen el suyo.</translation>
    </message>
    <message>
        <source>Language of the screens</source>
        <translation>Idioma de las pantallas</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>The language of the screens; takes effect at the next start. This computer only. Handouts print in each patient&apos;s language (Printing page).</source>
        <translation>El idioma de las pantallas; se aplica al volver a abrir la aplicación. Solo en este ordenador. Las hojas para el paciente se imprimen en el idioma de cada paciente (página Impresión).</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>Patient MRN</source>
        <translation>NHC del paciente</translation>
    </message>
    <message>
        <source>any patient</source>
        <translation>cualquier paciente</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>any action</source>
        <translation>cualquier acción</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Fecha desde</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Entradas del registro</translation>
    </message>
    <message>
        <source>&amp;Check the chain</source>
        <translation>&amp;Comprobar la cadena</translation>
    </message>
    <message>
        <source>Check that no entry was changed, removed or put out of order</source>
        <translation>Comprobar que ninguna entrada se cambió, se borró o se desordenó</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>Save the entries shown as JSON, as `clinic audit --json` writes them</source>
        <translation>Guardar las entradas mostradas como JSON, tal como las escribe `clinic audit --json`</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Patient &amp;MRN:</source>
        <translation>&amp;NHC del paciente:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Acción:</translation>
    </message>
    <message>
        <source>entry {seq}, {value} UTC</source>
        <translation>entrada {seq}, {value} UTC</translation>
    </message>
    <message>
        <source>Stored as: {value}</source>
        <translation>Guardado como: {value}</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies), oldest first.</source>
        <translation>
            <numerusform>%n entrada, la más antigua primero.</numerusform>
            <numerusform>%n entradas, la más antigua primero.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit trail could not be read; please try again.</source>
        <translation>No se pudo leer el registro de auditoría; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Checked {checked} entries: no entry was changed, removed or reordered.</source>
        <translation>Comprobadas {checked} entradas: ninguna se cambió, se borró ni se desordenó.</translation>
    </message>
    <message>
        <source>The audit trail is broken: {problem}.

{checked} entries before it are intact. Keep a copy of the database and tell whoever looks after the clinic&apos;s data.</source>
        <translation>El registro de auditoría está roto: {problem}.

Las {checked} entradas anteriores están intactas. Guarde una copia de la base de datos y avise a quien se ocupe de los datos de la clínica.</translation>
    </message>
    <message>
        <source>Export audit entries</source>
        <translation>Exportar entradas del registro</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>No exportado</translation>
    </message>
    <message>
        <source>The entries were not saved: {error}.</source>
        <translation>Las entradas no se guardaron: {error}.</translation>
    </message>
    <message>
        <source>Exported {entries} entries to {path}.</source>
        <translation>Se exportaron {entries} entradas a {path}.</translation>
    </message>
</context>
<context>
    <name>BackupBanner</name>
    <message>
        <source>Backup warning</source>
        <translation>Aviso de copia de seguridad</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Hacer copia ahora</translation>
    </message>
    <message>
        <source>Backup settings…</source>
        <translation>Ajustes de copia de seguridad…</translation>
    </message>
    <message>
        <source>Open the backup settings</source>
        <translation>Abrir los ajustes de copia de seguridad</translation>
    </message>
    <message>
        <source>The daily backup has not run for more than a week.</source>
        <translation>La copia de seguridad diaria lleva más de una semana sin hacerse.</translation>
    </message>
    <message>
        <source>The last backup failed: the backup folder {folder} cannot be found (is the USB drive unplugged?).</source>
        <translation>La última copia de seguridad falló: no se encuentra la carpeta {folder} (¿está desconectada la memoria USB?).</translation>
    </message>
    <message>
        <source>The last backup failed: Clinic App may not write into the backup folder {folder}.</source>
        <translation>La última copia de seguridad falló: Clinic App no puede escribir en la carpeta {folder}.</translation>
    </message>
    <message>
        <source>The last backup failed: the disk with the backup folder {folder} is full.</source>
        <translation>La última copia de seguridad falló: el disco de la carpeta {folder} está lleno.</translation>
    </message>
    <message>
        <source>The last backup failed: {reason}.</source>
        <translation>La última copia de seguridad falló: {reason}.</translation>
    </message>
    <message>
        <source>There is no good backup yet.</source>
        <translation>Todavía no hay ninguna copia de seguridad correcta.</translation>
    </message>
    <message>
        <source>The last good backup is from today.</source>
        <translation>La última copia correcta es de hoy.</translation>
    </message>
    <message>
        <source>The last good backup is from yesterday.</source>
        <translation>La última copia correcta es de ayer.</translation>
    </message>
    <message>
        <source>The last good backup is {days} days old.</source>
        <translation>La última copia correcta tiene {days} días.</translation>
    </message>
    <message>
        <source>Please tell the clinic&apos;s admin.</source>
        <translation>Avise al administrador de la clínica.</translation>
    </message>
    <message>
        <source>Plug the drive in and back up now, or choose another folder in Settings &gt; Backups.</source>
        <translation>Conecte la unidad y haga la copia ahora, o elija otra carpeta en Configuración &gt; Copias de seguridad.</translation>
    </message>
    <message>
        <source>Choose another folder in Settings &gt; Backups, or ask your IT contact.</source>
        <translation>Elija otra carpeta en Configuración &gt; Copias de seguridad, o consulte a su soporte informático.</translation>
    </message>
    <message>
        <source>Free some space on it, or keep fewer backups (Settings &gt; Backups), then back up now.</source>
        <translation>Libere espacio en el disco, o guarde menos copias (Configuración &gt; Copias de seguridad), y haga la copia ahora.</translation>
    </message>
    <message>
        <source>Check the backup folder in Settings &gt; Backups, or back up now.</source>
        <translation>Revise la carpeta en Configuración &gt; Copias de seguridad, o haga la copia ahora.</translation>
    </message>
</context>
<context>
    <name>BackupControl</name>
    <message>
        <source>Backing up…</source>
        <translation>Haciendo la copia de seguridad…</translation>
    </message>
    <message>
        <source>Backed up and verified: {file} in {folder}.</source>
        <translation>Copia hecha y verificada: {file} en {folder}.</translation>
    </message>
    <message>
        <source>The backup failed; the warning above says why.</source>
        <translation>La copia de seguridad falló; el aviso de arriba explica por qué.</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>Back up the clinic&apos;s data every &amp;day</source>
        <translation>Hacer una copia de los datos de la clínica cada &amp;día</translation>
    </message>
    <message>
        <source>Daily backup</source>
        <translation>Copia diaria</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Carpeta de copias</translation>
    </message>
    <message>
        <source>No folder chosen</source>
        <translation>No se ha elegido ninguna carpeta</translation>
    </message>
    <message>
        <source>C&amp;hoose folder…</source>
        <translation>E&amp;legir carpeta…</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>Elegir la carpeta de copias de seguridad</translation>
    </message>
    <message>
        <source>Backups to keep</source>
        <translation>Copias que se guardan</translation>
    </message>
    <message>
        <source> backups</source>
        <translation> copias</translation>
    </message>
    <message>
        <source>Daily backup:</source>
        <translation>Copia diaria:</translation>
    </message>
    <message>
        <source>A verified, encrypted copy of every record, made in the background once a day while Clinic App is open. It opens with the same passwords, or with the recovery key.</source>
        <translation>Una copia cifrada y verificada de todos los registros, hecha en segundo plano una vez al día mientras Clinic App está abierto. Se abre con las mismas contraseñas o con la clave de recuperación.</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Carpeta:</translation>
    </message>
    <message>
        <source>Choose a folder on another disk, a USB drive or a network share: a copy on the same disk is lost with it. Everyone is warned when the last good backup is over a week old.</source>
        <translation>Elija una carpeta en otro disco, una memoria USB o una carpeta de red: una copia en el mismo disco se pierde con él. Se avisa a todos cuando la última copia correcta tiene más de una semana.</translation>
    </message>
    <message>
        <source>&amp;Keep:</source>
        <translation>&amp;Guardar:</translation>
    </message>
    <message>
        <source>The newest ones are kept ({default} unless you change it); older ones are removed.</source>
        <translation>Se guardan las más recientes ({default} si no lo cambia); las más antiguas se borran.</translation>
    </message>
</context>
<context>
    <name>BodyChart</name>
    <message>
        <source>Body chart</source>
        <translation>Mapa corporal</translation>
    </message>
    <message>
        <source>Click where it hurts to add a complaint. The complaint list does the same.</source>
        <translation>Haga clic donde duele para añadir una molestia. La lista de molestias hace lo mismo.</translation>
    </message>
    <message>
        <source>Point to where it hurts and click to add it.</source>
        <translation>Señale dónde duele y haga clic para añadirlo.</translation>
    </message>
    <message>
        <source>left</source>
        <translation>izquierda</translation>
    </message>
    <message>
        <source>right</source>
        <translation>derecha</translation>
    </message>
    <message>
        <source>central</source>
        <translation>central</translation>
    </message>
    <message>
        <source>{region} ({side}) — click to select it</source>
        <translation>{region} ({side}): clic para seleccionarla</translation>
    </message>
    <message>
        <source>{region} ({side}) — click to add it</source>
        <translation>{region} ({side}): clic para añadirla</translation>
    </message>
    <message>
        <source>L</source>
        <comment>the patient&apos;s left</comment>
        <translation>I</translation>
    </message>
    <message>
        <source>R</source>
        <comment>the patient&apos;s right</comment>
        <translation>D</translation>
    </message>
</context>
<context>
    <name>ClinicProfilePage</name>
    <message>
        <source>Clinic name</source>
        <translation>Nombre de la clínica</translation>
    </message>
    <message>
        <source>As it should appear on handouts</source>
        <translation>Tal como debe aparecer en las hojas</translation>
    </message>
    <message>
        <source>Clinic address</source>
        <translation>Dirección de la clínica</translation>
    </message>
    <message>
        <source>Clinic phone</source>
        <translation>Teléfono de la clínica</translation>
    </message>
    <message>
        <source>Language of the doctor&apos;s part of referral letters</source>
        <translation>Idioma de la parte para el médico en las cartas de derivación</translation>
    </message>
    <message>
        <source>Clinic email</source>
        <translation>Correo electrónico de la clínica</translation>
    </message>
    <message>
        <source>How to book the next visit</source>
        <translation>Cómo pedir la próxima cita</translation>
    </message>
    <message>
        <source>e.g. Call us or book online at example.com/book</source>
        <translation>p. ej. Call us or book online at example.com/book</translation>
    </message>
    <message>
        <source>Handout footer</source>
        <translation>Pie de las hojas</translation>
    </message>
    <message>
        <source>e.g. opening hours, or a short thank-you</source>
        <translation>p. ej. horario, o un breve agradecimiento</translation>
    </message>
    <message>
        <source>How to book the next visit, in Spanish</source>
        <translation>Cómo pedir la próxima cita, en español</translation>
    </message>
    <message>
        <source>p. ej. Llámenos o reserve en example.com/reservar</source>
        <translation>p. ej. Llámenos o reserve en example.com/reservar</translation>
    </message>
    <message>
        <source>Handout footer, in Spanish</source>
        <translation>Pie de las hojas, en español</translation>
    </message>
    <message>
        <source>p. ej. horario de atención</source>
        <translation>p. ej. horario de atención</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>Emergency n&amp;umber:</source>
        <translation>Número de &amp;emergencias:</translation>
    </message>
    <message>
        <source>Printed on referral letters: the number a patient calls in an emergency where the clinic is.</source>
        <translation>Se imprime en las cartas de derivación: el número al que llama un paciente en una emergencia donde está la clínica.</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Correo:</translation>
    </message>
    <message>
        <source>How to &amp;book:</source>
        <translation>Cómo pedir &amp;cita:</translation>
    </message>
    <message>
        <source>How patients book their next visit: phone, website or front desk.</source>
        <translation>Cómo piden los pacientes su próxima cita: teléfono, web o recepción.</translation>
    </message>
    <message>
        <source>Handout &amp;footer:</source>
        <translation>&amp;Pie de las hojas:</translation>
    </message>
    <message>
        <source>How to book (&amp;Spanish):</source>
        <translation>Cómo pedir cita (e&amp;spañol):</translation>
    </message>
    <message>
        <source>Printed on Spanish handouts. Left blank, they print the text above.</source>
        <translation>Se imprime en las hojas en español. Si se deja en blanco, se imprime el texto de arriba.</translation>
    </message>
    <message>
        <source>Footer (Spanis&amp;h):</source>
        <translation>Pie (españo&amp;l):</translation>
    </message>
    <message>
        <source>Letters to &amp;doctors in:</source>
        <translation>Cartas a &amp;médicos en:</translation>
    </message>
    <message>
        <source>The language of the doctor&apos;s part of a referral letter; the patient&apos;s part follows the handout.</source>
        <translation>El idioma de la parte para el médico de una carta de derivación; la parte del paciente sigue el idioma de su hoja.</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>Logotipo:</translation>
    </message>
    <message>
        <source>Needed before printing.</source>
        <translation>Necesario antes de imprimir.</translation>
    </message>
</context>
<context>
    <name>ComplaintRow</name>
    <message>
        <source>Where…</source>
        <translation>Dónde…</translation>
    </message>
    <message>
        <source>Side…</source>
        <translation>Lado…</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Nota (opcional)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Complaint {number}: where it hurts</source>
        <translation>Molestia {number}: dónde duele</translation>
    </message>
    <message>
        <source>Complaint {number}: side</source>
        <translation>Molestia {number}: lado</translation>
    </message>
    <message>
        <source>Complaint {number}: pain from 0 to 10</source>
        <translation>Molestia {number}: dolor de 0 a 10</translation>
    </message>
    <message>
        <source>Complaint {number}: note</source>
        <translation>Molestia {number}: nota</translation>
    </message>
    <message>
        <source>Remove complaint {number}</source>
        <translation>Quitar la molestia {number}</translation>
    </message>
    <message>
        <source>Choose where it hurts.</source>
        <translation>Elija dónde duele.</translation>
    </message>
    <message>
        <source>Choose a side.</source>
        <translation>Elija un lado.</translation>
    </message>
</context>
<context>
    <name>ComplaintsSection</name>
    <message>
        <source>&amp;Add complaint</source>
        <translation>Añadir &amp;molestia</translation>
    </message>
    <message>
        <source>Add complaint</source>
        <translation>Añadir molestia</translation>
    </message>
    <message>
        <source>No complaints yet: click the body chart, or press Add complaint.</source>
        <translation>Aún no hay molestias: haga clic en el mapa corporal o pulse Añadir molestia.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Complaints&lt;/b&gt;</source>
        <translation>&lt;b&gt;Molestias&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Where it hurts</source>
        <translation>Dónde duele</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Lado</translation>
    </message>
    <message>
        <source>Pain (0–10)</source>
        <translation>Dolor (0–10)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import patients from CSV</source>
        <translation>Importar pacientes de un CSV</translation>
    </message>
    <message>
        <source>A CSV file (UTF-8) with the header row mrn,given_name,family_name,birth_date,sex,language,phone,email; the first three are required. Every row is checked first: nothing is imported while any row has a problem.</source>
        <translation>Un archivo CSV (UTF-8) con la fila de cabecera mrn,given_name,family_name,birth_date,sex,language,phone,email; las tres primeras columnas son obligatorias. Primero se comprueba cada fila: no se importa nada mientras alguna fila tenga un problema.</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>Aún no se ha elegido ningún archivo.</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>&amp;Elegir archivo…</translation>
    </message>
    <message>
        <source>Choose the CSV file</source>
        <translation>Elegir el archivo CSV</translation>
    </message>
    <message>
        <source>&amp;Update stored patients whose details in the file differ</source>
        <translation>&amp;Actualizar los pacientes guardados cuyos datos en el archivo son distintos</translation>
    </message>
    <message>
        <source>Update stored patients whose details differ</source>
        <translation>Actualizar los pacientes guardados con datos distintos</translation>
    </message>
    <message>
        <source>Summary of the check</source>
        <translation>Resumen de la comprobación</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Rows of the file</source>
        <translation>Filas del archivo</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Import the patients</source>
        <translation>Importar los pacientes</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Nothing was imported:
{problems}</source>
        <translation>No se importó nada:
{problems}</translation>
    </message>
    <message>
        <source>{rows} with problems ({problems}), listed below.</source>
        <translation>{rows} con problemas ({problems}), en la lista de abajo.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n fila</numerusform>
            <numerusform>%n filas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problema</numerusform>
            <numerusform>%n problemas</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing will be imported while any row has a problem. Fix the file and choose it again.</source>
        <translation>No se importará nada mientras alguna fila tenga un problema. Corrija el archivo y vuelva a elegirlo.</translation>
    </message>
    <message>
        <source>Choose a file to see what would be imported.</source>
        <translation>Elija un archivo para ver qué se importaría.</translation>
    </message>
    <message>
        <source>{rows_read}, all already stored with these details: nothing to import.</source>
        <translation>{rows_read}, todas ya guardadas con estos datos: nada que importar.</translation>
    </message>
    <message>
        <source>{rows_read}, no problems: {added} to add, {updated} to update, {skipped} already stored (skipped). Nothing is stored until you choose Import.</source>
        <translation>{rows_read}, sin problemas: {added} para añadir, {updated} para actualizar, {skipped} ya guardados (se omiten). No se guarda nada hasta que elija Importar.</translation>
    </message>
    <message>
        <source>Import {storing}</source>
        <translation>Importar {storing}</translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n paciente</numerusform>
            <numerusform>%n pacientes</numerusform>
        </translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
</context>
<context>
    <name>DischargeDialog</name>
    <message>
        <source>Discharge</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Discharge “{reason}”. It is shown as discharged from that date.</source>
        <translation>Dar de alta «{reason}». Se muestra como alta desde esa fecha.</translation>
    </message>
    <message>
        <source>&amp;Discharge date:</source>
        <translation>&amp;Fecha de alta:</translation>
    </message>
</context>
<context>
    <name>EmergencyNumberBox</name>
    <message>
        <source>Emergency number</source>
        <translation>Número de emergencias</translation>
    </message>
    <message>
        <source>Not set: type it or choose one</source>
        <translation>Sin poner: escríbalo o elija uno</translation>
    </message>
    <message>
        <source>Emergency number: type it, or choose one with the arrow keys</source>
        <translation>Número de emergencias: escríbalo o elija uno con las flechas</translation>
    </message>
</context>
<context>
    <name>EpisodeControl</name>
    <message>
        <source>Opened the episode “{reason}”.</source>
        <translation>Se abrió el episodio «{reason}».</translation>
    </message>
    <message>
        <source>this episode</source>
        <translation>este episodio</translation>
    </message>
    <message>
        <source>Discharged on {date}.</source>
        <translation>Alta el {date}.</translation>
    </message>
    <message>
        <source>Print {document}</source>
        <translation>Imprimir: {document}</translation>
    </message>
    <message>
        <source>discharge summary</source>
        <translation>informe de alta</translation>
    </message>
    <message>
        <source>progress report</source>
        <translation>informe de evolución</translation>
    </message>
    <message>
        <source>Printing the {name}…</source>
        <translation>Imprimiendo: {name}…</translation>
    </message>
    <message>
        <source>Sent the {name} to the printer.</source>
        <translation>Enviado a la impresora: {name}.</translation>
    </message>
    <message>
        <source>Save {name} as PDF</source>
        <translation>Guardar como PDF: {name}</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved the {name} as {path}.</source>
        <translation>Guardado: {name}, como {path}.</translation>
    </message>
    <message>
        <source>The report was not printed or saved: {error}.</source>
        <translation>El informe no se imprimió ni se guardó: {error}.</translation>
    </message>
    <message>
        <source>The report was not printed or saved. Please try again.</source>
        <translation>El informe no se imprimió ni se guardó. Inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>ExercisePickerDialog</name>
    <message>
        <source>Add an exercise from the library</source>
        <translation>Añadir un ejercicio de la biblioteca</translation>
    </message>
    <message>
        <source>Search by name, kind or finding, e.g. calf, stretch, neck</source>
        <translation>Busque por nombre, tipo o hallazgo, p. ej. gemelo, estiramiento, cuello</translation>
    </message>
    <message>
        <source>Search the exercise library</source>
        <translation>Buscar en la biblioteca de ejercicios</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Add to plan</source>
        <translation>Añadir al plan</translation>
    </message>
    <message>
        <source>Add the selected exercise to the plan</source>
        <translation>Añadir al plan el ejercicio seleccionado</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Exercises in the library</source>
        <translation>Ejercicios de la biblioteca</translation>
    </message>
    <message>
        <source>Picture of the selected exercise</source>
        <translation>Dibujo del ejercicio seleccionado</translation>
    </message>
    <message>
        <source>For today&apos;s finding: {today}</source>
        <translation>Para el hallazgo de hoy: {today}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{kind} · {purpose}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{kind} · {purpose}</translation>
    </message>
    <message>
        <source>&lt;h3&gt;{name}&lt;/h3&gt;&lt;p&gt;{kind} · {purpose}&lt;/p&gt;&lt;p&gt;&lt;b&gt;Dose:&lt;/b&gt; {dose}&lt;br&gt;&lt;b&gt;Side:&lt;/b&gt; {side}{side_note}&lt;/p&gt;&lt;p&gt;&lt;b&gt;Steps&lt;/b&gt;&lt;/p&gt;&lt;ol&gt;{steps}&lt;/ol&gt;</source>
        <translation>&lt;h3&gt;{name}&lt;/h3&gt;&lt;p&gt;{kind} · {purpose}&lt;/p&gt;&lt;p&gt;&lt;b&gt;Dosis:&lt;/b&gt; {dose}&lt;br&gt;&lt;b&gt;Lado:&lt;/b&gt; {side}{side_note}&lt;/p&gt;&lt;p&gt;&lt;b&gt;Pasos&lt;/b&gt;&lt;/p&gt;&lt;ol&gt;{steps}&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;For today&apos;s finding: {today}&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Para el hallazgo de hoy: {today}&lt;/i&gt;</translation>
    </message>
    <message>
        <source>No exercise matches “{value}”. Try a name, a kind (stretch) or a body part (calf, neck).</source>
        <translation>Ningún ejercicio coincide con «{value}». Pruebe con un nombre, un tipo (estiramiento) o una parte del cuerpo (gemelo, cuello).</translation>
    </message>
    <message>
        <source> (matches {today})</source>
        <translation> (coincide con {today})</translation>
    </message>
</context>
<context>
    <name>FieldError</name>
    <message>
        <source>Problem with this field</source>
        <translation>Problema en este campo</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Clinic name</source>
        <translation>Nombre de la clínica</translation>
    </message>
    <message>
        <source>Clinic phone</source>
        <translation>Teléfono de la clínica</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Your name with credentials</source>
        <translation>Su nombre con titulación</translation>
    </message>
    <message>
        <source>e.g. Sam Lee, PT, DPT</source>
        <translation>p. ej. Sam Lee, fisioterapeuta</translation>
    </message>
    <message>
        <source>Licence number</source>
        <translation>Número de colegiado</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Contraseña otra vez</translation>
    </message>
    <message>
        <source>&amp;Create the account and start</source>
        <translation>&amp;Crear la cuenta y empezar</translation>
    </message>
    <message>
        <source>Clinic &amp;name:</source>
        <translation>&amp;Nombre de la clínica:</translation>
    </message>
    <message>
        <source>Clinic p&amp;hone:</source>
        <translation>&amp;Teléfono de la clínica:</translation>
    </message>
    <message>
        <source>&amp;Emergency number:</source>
        <translation>Número de &amp;emergencias:</translation>
    </message>
    <message>
        <source>Use&amp;r name:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <source>Your n&amp;ame:</source>
        <translation>Su n&amp;ombre:</translation>
    </message>
    <message>
        <source>&amp;Licence:</source>
        <translation>N.º de co&amp;legiado:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Password a&amp;gain:</source>
        <translation>Contraseña otra &amp;vez:</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to Clinic App&lt;/h2&gt;&lt;p&gt;Two things before the first patient: who the clinic is (every handout and referral letter says whom to call), and the first account.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Bienvenida a Clinic App&lt;/h2&gt;&lt;p&gt;Dos cosas antes del primer paciente: los datos de la clínica (cada hoja y cada carta de derivación dicen a quién llamar) y la primera cuenta.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;1. The clinic&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;1. La clínica&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;2. Your account&lt;/h3&gt;&lt;p&gt;The first account is the clinic&apos;s &lt;b&gt;admin&lt;/b&gt;: it records and signs visits like any therapist, adds the other accounts and reads the audit trail. Your name and credentials print under your signature. The password needs at least 10 characters; keep it to yourself: everything done with it is recorded as done by you.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;2. Su cuenta&lt;/h3&gt;&lt;p&gt;La primera cuenta es la de &lt;b&gt;administración&lt;/b&gt; de la clínica: registra y firma visitas como cualquier terapeuta, añade las demás cuentas y lee el registro de auditoría. Su nombre y titulación se imprimen bajo su firma. La contraseña necesita al menos 10 caracteres; no la comparta: todo lo que se haga con ella queda registrado a su nombre.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the clinic&apos;s name</source>
        <translation>el nombre de la clínica</translation>
    </message>
    <message>
        <source>the clinic&apos;s phone number</source>
        <translation>el teléfono de la clínica</translation>
    </message>
    <message>
        <source>the emergency number (911, 112, ...)</source>
        <translation>el número de emergencias (911, 112, ...)</translation>
    </message>
</context>
<context>
    <name>FlagRow</name>
    <message>
        <source>If yes: refer {when}</source>
        <translation>Si es sí: derivar {when}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>Sin preguntar</translation>
    </message>
    <message>
        <source>Override…</source>
        <translation>Excepción…</translation>
    </message>
    <message>
        <source>Override, with a reason: {question}</source>
        <translation>Hacer una excepción, con un motivo: {question}</translation>
    </message>
    <message>
        <source>Give a home programme despite this flag; you write why</source>
        <translation>Dar un programa en casa a pesar de esta bandera; usted escribe por qué</translation>
    </message>
    <message>
        <source>Remove override</source>
        <translation>Quitar la excepción</translation>
    </message>
    <message>
        <source>Remove the override: {question}</source>
        <translation>Quitar la excepción: {question}</translation>
    </message>
</context>
<context>
    <name>GoalRow</name>
    <message>
        <source>Goal measure</source>
        <translation>Medida del objetivo</translation>
    </message>
    <message>
        <source>Activity, e.g. Climb the stairs at home</source>
        <translation>Actividad, p. ej. Subir las escaleras de casa</translation>
    </message>
    <message>
        <source>Goal activity</source>
        <translation>Actividad del objetivo</translation>
    </message>
    <message>
        <source>Goal target</source>
        <translation>Meta del objetivo</translation>
    </message>
    <message>
        <source>score to reach</source>
        <translation>puntuación a alcanzar</translation>
    </message>
    <message>
        <source>e.g. 2 flights without the rail</source>
        <translation>p. ej. 2 tramos sin la barandilla</translation>
    </message>
    <message>
        <source>Goal date</source>
        <translation>Fecha del objetivo</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
</context>
<context>
    <name>GoalsDialog</name>
    <message>
        <source>Goals of this episode</source>
        <translation>Objetivos de este episodio</translation>
    </message>
    <message>
        <source>Measure or activity</source>
        <translation>Medida o actividad</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Add a &amp;measure goal</source>
        <translation>Añadir un objetivo de &amp;medida</translation>
    </message>
    <message>
        <source>Add an &amp;activity goal</source>
        <translation>Añadir un objetivo de &amp;actividad</translation>
    </message>
    <message>
        <source>Goal {number}: {message}</source>
        <translation>Objetivo {number}: {message}</translation>
    </message>
    <message>
        <source>The goals were not saved. Please try again.</source>
        <translation>Los objetivos no se guardaron. Inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>HeadPostureCard</name>
    <message>
        <source>An angle below {cutoff}° counts as forward, whatever result is chosen.</source>
        <translation>Un ángulo por debajo de {cutoff}° cuenta como adelantada, sea cual sea el resultado elegido.</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>How to use {APP_NAME}</source>
        <translation>Cómo usar {APP_NAME}</translation>
    </message>
    <message>
        <source>How to use Clinic App</source>
        <translation>Cómo usar Clinic App</translation>
    </message>
</context>
<context>
    <name>LevelCard</name>
    <message>
        <source>Left and right are the patient&apos;s.</source>
        <translation>Izquierda y derecha son las del paciente.</translation>
    </message>
</context>
<context>
    <name>LineChart</name>
    <message>
        <source>Chart: {title}</source>
        <translation>Gráfico: {title}</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Login problem</source>
        <translation>Problema al iniciar sesión</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <source>S&amp;witch user</source>
        <translation>Cambiar de &amp;usuario</translation>
    </message>
    <message>
        <source>End this session, saved as it is, and let someone else log in</source>
        <translation>Terminar esta sesión, guardada tal como está, y dejar que otra persona inicie sesión</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>&amp;Nombre de usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Clinic App&lt;/h2&gt;&lt;p&gt;Opening the database…&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Clinic App&lt;/h2&gt;&lt;p&gt;Abriendo la base de datos…&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Log in to Clinic App&lt;/h2&gt;&lt;p&gt;Patient records open only to a logged-in account.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Iniciar sesión en Clinic App&lt;/h2&gt;&lt;p&gt;Los registros de pacientes solo se abren con una sesión iniciada.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Locked&lt;/h2&gt;&lt;p&gt;{display_name} is logged in. Type the password to go on where you left off; your work is saved.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Bloqueado&lt;/h2&gt;&lt;p&gt;La sesión de {display_name} está abierta. Escriba la contraseña para seguir donde lo dejó; su trabajo está guardado.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Un&amp;lock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation>Escriba su nombre de usuario.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Escriba su contraseña.</translation>
    </message>
</context>
<context>
    <name>LogoPicker</name>
    <message>
        <source>Logo preview</source>
        <translation>Vista previa del logotipo</translation>
    </message>
    <message>
        <source>Choose logo…</source>
        <translation>Elegir logotipo…</translation>
    </message>
    <message>
        <source>Choose a logo file</source>
        <translation>Elegir un archivo de logotipo</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>Quitar logotipo</translation>
    </message>
    <message>
        <source>Remove the logo</source>
        <translation>Quitar el logotipo</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Sin logotipo</translation>
    </message>
    <message>
        <source>Choose the clinic&apos;s logo</source>
        <translation>Elegir el logotipo de la clínica</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clinic App</source>
        <translation>Clinic App</translation>
    </message>
    <message>
        <source>Encrypt this clinic&apos;s data…</source>
        <translation>Cifrar los datos de esta clínica…</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Sesión iniciada</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Abriendo la base de datos…</translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation>&amp;Nuevo paciente…</translation>
    </message>
    <message>
        <source>I&amp;mport patients from CSV…</source>
        <translation>I&amp;mportar pacientes de un CSV…</translation>
    </message>
    <message>
        <source>&amp;Find patient…</source>
        <translation>&amp;Buscar paciente…</translation>
    </message>
    <message>
        <source>New &amp;visit</source>
        <translation>Nueva &amp;visita</translation>
    </message>
    <message>
        <source>&amp;Save now</source>
        <translation>&amp;Guardar ahora</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Guardar como P&amp;DF…</translation>
    </message>
    <message>
        <source>F&amp;inish visit</source>
        <translation>&amp;Finalizar visita</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>Acc&amp;ounts…</source>
        <translation>Cuen&amp;tas…</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>Registro de &amp;auditoría…</translation>
    </message>
    <message>
        <source>Outcome measure wo&amp;rding…</source>
        <translation>Te&amp;xto de las medidas de resultado…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>Hacer co&amp;pia de seguridad ahora</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>B&amp;loquear</translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation>Cambiar de &amp;usuario…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>&amp;How to use Clinic App</source>
        <translation>&amp;Cómo usar Clinic App</translation>
    </message>
    <message>
        <source>&amp;About Clinic App</source>
        <translation>&amp;Acerca de Clinic App</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edición</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;{number} {title}	Alt+{number}</source>
        <translation>&amp;{number} {title}	Alt+{number}</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;Same as the system</source>
        <translation>&amp;Igual que el sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Data: {location}</source>
        <translation>Datos: {location}</translation>
    </message>
    <message>
        <source>Encrypt this clinic&apos;s data</source>
        <translation>Cifrar los datos de esta clínica</translation>
    </message>
    <message>
        <source>The records are encrypted after a verified backup; the plaintext copies are then removed.
Close Clinic App on every other computer first. Your password:</source>
        <translation>Los registros se cifran tras una copia de seguridad comprobada; después se borran las copias sin cifrar.
Cierre antes Clinic App en todos los demás ordenadores. Su contraseña:</translation>
    </message>
    <message>
        <source>The login could not be checked; please try again.</source>
        <translation>No se pudo comprobar el inicio de sesión; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Restored the visit you were recording.</source>
        <translation>Se recuperó la visita que estaba registrando.</translation>
    </message>
    <message>
        <source>Locked: patient data is hidden until the password is typed again.</source>
        <translation>Bloqueado: los datos de pacientes quedan ocultos hasta que se vuelva a escribir la contraseña.</translation>
    </message>
    <message>
        <source>Unlocked.</source>
        <translation>Desbloqueado.</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>Sin sesión iniciada</translation>
    </message>
    <message>
        <source>Logged in: {display_name} ({role})</source>
        <translation>Sesión: {display_name} ({role})</translation>
    </message>
    <message>
        <source>Clinic App — {display_name}</source>
        <translation>Clinic App — {display_name}</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>No se pudo abrir la base de datos.</translation>
    </message>
    <message>
        <source>Still opening the database…</source>
        <translation>Todavía se está abriendo la base de datos…</translation>
    </message>
    <message>
        <source>Something went wrong. Your last changes are saved as a draft.</source>
        <translation>Algo salió mal. Sus últimos cambios están guardados como borrador.</translation>
    </message>
    <message>
        <source>The visit you were recording is saved: it is in its patient&apos;s list of visits.</source>
        <translation>La visita que estaba registrando está guardada: está en la lista de visitas de su paciente.</translation>
    </message>
    <message>
        <source>Patients imported: {added} added, {updated} updated, {skipped} skipped.</source>
        <translation>Pacientes importados: {added} añadidos, {updated} actualizados, {skipped} omitidos.</translation>
    </message>
    <message>
        <source>Choose a patient first (Ctrl+F to find one).</source>
        <translation>Elija antes un paciente (Ctrl+F para buscarlo).</translation>
    </message>
    <message>
        <source>Restored the unsaved entries of this visit.</source>
        <translation>Se recuperaron los datos sin guardar de esta visita.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>The clinic&apos;s settings are an admin&apos;s: ask an admin to enter what is missing.</source>
        <translation>La configuración de la clínica es cosa de administración: pida a una cuenta de administración que introduzca lo que falta.</translation>
    </message>
    <message>
        <source>The new language of the screens takes effect at the next start of Clinic App.</source>
        <translation>El nuevo idioma de las pantallas se aplica la próxima vez que se abra Clinic App.</translation>
    </message>
</context>
<context>
    <name>MeasureWordingDialog</name>
    <message>
        <source>Outcome measure wording</source>
        <translation>Texto de las medidas de resultado</translation>
    </message>
    <message>
        <source>These measures come with their scoring but not their item wording: their licences do not let Clinic App include it. If your clinic holds a licensed copy, import its wording (YAML or CSV, in English and optionally Spanish) and the items show on screen and in the patient&apos;s large-type mode. Without it, therapists enter the answers from paper.</source>
        <translation>Estas medidas incluyen su puntuación pero no el texto de sus preguntas: sus licencias no permiten que Clinic App lo incluya. Si su clínica tiene una copia con licencia, importe su texto (YAML o CSV, en inglés y, si quiere, en español) y las preguntas se verán en pantalla y en el modo de letra grande para el paciente. Sin él, los terapeutas anotan las respuestas del formulario en papel.</translation>
    </message>
    <message>
        <source>Outcome measures and their wording</source>
        <translation>Medidas de resultado y su texto</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Medida</translation>
    </message>
    <message>
        <source>Wording</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>Licencia: %1</translation>
    </message>
    <message>
        <source>&amp;Import wording…</source>
        <translation>&amp;Importar texto…</translation>
    </message>
    <message>
        <source>&amp;Remove wording</source>
        <translation>&amp;Quitar texto</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>The wordings could not be read: the database did not answer.</source>
        <translation>No se pudieron leer los textos: la base de datos no respondió.</translation>
    </message>
    <message>
        <source>Import the wording of %1</source>
        <translation>Importar el texto de %1</translation>
    </message>
    <message>
        <source>Wording files (*.yaml *.yml *.csv);;All files (*)</source>
        <translation>Archivos de texto de medidas (*.yaml *.yml *.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>The wording was not imported: the database did not answer. Try again.</source>
        <translation>El texto no se importó: la base de datos no respondió. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>%1: the clinic&apos;s wording imported.</source>
        <translation>%1: se importó el texto de la clínica.</translation>
    </message>
    <message>
        <source>The wording was not removed: the database did not answer. Try again.</source>
        <translation>El texto no se quitó: la base de datos no respondió. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>%1: wording removed; answers are entered from paper.</source>
        <translation>%1: texto quitado; las respuestas se anotan del papel.</translation>
    </message>
    <message>
        <source>Nothing was imported; the file does not fit the measure:</source>
        <translation>No se importó nada; el archivo no corresponde a la medida:</translation>
    </message>
    <message>
        <source>Not supplied: answers are entered from paper</source>
        <translation>No proporcionado: las respuestas se anotan del papel</translation>
    </message>
    <message>
        <source>%1 items in English and Spanish</source>
        <translation>%1 preguntas en inglés y español</translation>
    </message>
    <message>
        <source>%1 items in English</source>
        <translation>%1 preguntas en inglés</translation>
    </message>
    <message>
        <source>%1%2, imported by %3 on %4</source>
        <translation>%1%2, importado por %3 el %4</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <source>Add account</source>
        <translation>Añadir cuenta</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Name with credentials</source>
        <translation>Nombre con titulación</translation>
    </message>
    <message>
        <source>e.g. Kim Ito, PT</source>
        <translation>p. ej. Kim Ito, fisioterapeuta</translation>
    </message>
    <message>
        <source>Licence number</source>
        <translation>Número de colegiado</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>First password</source>
        <translation>Primera contraseña</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Licence:</source>
        <translation>N.º de co&amp;legiado:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Función:</translation>
    </message>
    <message>
        <source>&amp;First password:</source>
        <translation>&amp;Primera contraseña:</translation>
    </message>
    <message>
        <source>Give the first password to your colleague in person; they set their own with `clinic user passwd` or ask you for a new one.</source>
        <translation>Dé la primera contraseña en persona a su colega; después pondrá la suya con `clinic user passwd` o le pedirá una nueva.</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
</context>
<context>
    <name>NewEpisodeDialog</name>
    <message>
        <source>New episode of care</source>
        <translation>Nuevo episodio de atención</translation>
    </message>
    <message>
        <source>e.g. Left knee pain after a fall</source>
        <translation>p. ej. Dolor de rodilla izquierda tras una caída</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>&amp;Reason for referral:</source>
        <translation>&amp;Motivo de consulta:</translation>
    </message>
    <message>
        <source>Referred &amp;by:</source>
        <translation>&amp;Derivado por:</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <translation>&amp;Inicio:</translation>
    </message>
    <message>
        <source>Reason for referral: enter why the patient comes (a few words).</source>
        <translation>Motivo de consulta: escriba por qué viene el paciente (unas palabras).</translation>
    </message>
</context>
<context>
    <name>OutcomesDialog</name>
    <message>
        <source>Outcome measures of this visit</source>
        <translation>Medidas de resultado de esta visita</translation>
    </message>
    <message>
        <source>Outcome measures at this visit</source>
        <translation>Medidas de resultado en esta visita</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Medida</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>Change since the episode&apos;s first</source>
        <translation>Cambio desde la primera del episodio</translation>
    </message>
    <message>
        <source>Measure to fill in</source>
        <translation>Medida a rellenar</translation>
    </message>
    <message>
        <source>Activity goals at this visit:</source>
        <translation>Objetivos de actividad en esta visita:</translation>
    </message>
    <message>
        <source>&amp;Save answers</source>
        <translation>&amp;Guardar respuestas</translation>
    </message>
    <message>
        <source>&amp;Remove from this visit</source>
        <translation>&amp;Quitar de esta visita</translation>
    </message>
    <message>
        <source>&amp;Hand the tablet to the patient…</source>
        <translation>&amp;Dar la tableta al paciente…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Recorded at this visit:</source>
        <translation>Registradas en esta visita:</translation>
    </message>
    <message>
        <source>Fill in:</source>
        <translation>Rellenar:</translation>
    </message>
    <message>
        <source>The item wording must be supplied by the clinic: use the paper form</source>
        <translation>El texto de las preguntas debe proporcionarlo la clínica: use el formulario en papel</translation>
    </message>
    <message>
        <source>Licence: {licence}</source>
        <translation>Licencia: {licence}</translation>
    </message>
    <message>
        <source>The wording of the %1 items is not included in Clinic App (see its licence below), so it must be supplied by the clinic: an admin imports it from the clinic&apos;s licensed copy (File &gt; Outcome measure wording). Until then, enter the answers from the paper form.</source>
        <translation>El texto de las preguntas de %1 no está incluido en Clinic App (vea su licencia abajo), así que debe proporcionarlo la clínica: un administrador lo importa de la copia con licencia de la clínica (Archivo &gt; Texto de las medidas de resultado). Hasta entonces, anote las respuestas del formulario en papel.</translation>
    </message>
    <message>
        <source>Items as worded by the clinic%1.</source>
        <translation>Preguntas con el texto de la clínica%1.</translation>
    </message>
    <message>
        <source>MCID source: {source}</source>
        <translation>Fuente de la MCID: {source}</translation>
    </message>
    <message>
        <source>Goal {activity}</source>
        <translation>Objetivo: {activity}</translation>
    </message>
    <message>
        <source>Goal recorded as {words}.</source>
        <translation>Objetivo registrado como {words}.</translation>
    </message>
    <message>
        <source>Saved {measure}, not scored: every item must be answered ({blanks} left blank).</source>
        <translation>{measure} guardada, sin puntuar: hay que responder todas las preguntas ({blanks} en blanco).</translation>
    </message>
    <message>
        <source>Saved {measure}.</source>
        <translation>{measure} guardada.</translation>
    </message>
    <message>
        <source>Not saved: please try again.</source>
        <translation>No se guardó: inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Removed {value}.</source>
        <translation>Se quitó {value}.</translation>
    </message>
    <message>
        <source>First write the patient&apos;s activities ({count_min} or more).</source>
        <translation>Primero escriba las actividades del paciente ({count_min} o más).</translation>
    </message>
    <message>
        <source>{measure}

Activity: {name}</source>
        <translation>{measure}

Actividad: {name}</translation>
    </message>
    <message>
        <source>The patient&apos;s answers are in the sheet: check them, then Save answers.</source>
        <translation>Las respuestas del paciente están en la hoja: revíselas y luego pulse Guardar respuestas.</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Override: {name}</source>
        <translation>Excepción: {name}</translation>
    </message>
    <message>
        <source>Give a home programme despite &lt;b&gt;{name}&lt;/b&gt;?&lt;br&gt;The patient still gets the referral letter; the home programme prints after it.</source>
        <translation>¿Dar un programa en casa a pesar de &lt;b&gt;{name}&lt;/b&gt;?&lt;br&gt;El paciente recibe igualmente la carta de derivación; el programa en casa se imprime después.</translation>
    </message>
    <message>
        <source>The patient answered Yes to: “{question}”</source>
        <translation>El paciente respondió Sí a: «{question}»</translation>
    </message>
    <message>
        <source>&amp;Why is it safe to start the exercises? (required)</source>
        <translation>¿&amp;Por qué es seguro empezar los ejercicios? (obligatorio)</translation>
    </message>
    <message>
        <source>Reason for the override</source>
        <translation>Motivo de la excepción</translation>
    </message>
    <message>
        <source>e.g. treated in 2009 and discharged; the GP knows about this pain</source>
        <translation>p. ej. tratado en 2009 y dado de alta; su médico de cabecera conoce este dolor</translation>
    </message>
    <message>
        <source>&amp;Override</source>
        <translation>&amp;Hacer la excepción</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Excepción</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>At most {REASON_MAX_CHARS} characters; this is {length}.</source>
        <translation>Como máximo {REASON_MAX_CHARS} caracteres; este tiene {length}.</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>Document preview</source>
        <translation>Vista previa del documento</translation>
    </message>
    <message>
        <source>Page {number} of {images}</source>
        <translation>Página {number} de {images}</translation>
    </message>
</context>
<context>
    <name>PainField</name>
    <message>
        <source>not rated</source>
        <translation>sin valorar</translation>
    </message>
    <message>
        <source> not rated </source>
        <translation> sin valorar </translation>
    </message>
    <message>
        <source>Pain from 0 (none) to 10 (worst imaginable); blank if not rated. Up and Down change it.</source>
        <translation>Dolor de 0 (nada) a 10 (el peor imaginable); en blanco si no se valora. Las flechas arriba y abajo lo cambian.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>New password for {username}</source>
        <translation>Nueva contraseña para {username}</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nueva contraseña</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Nueva contraseña otra vez</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Nueva contraseña:</translation>
    </message>
    <message>
        <source>A&amp;gain:</source>
        <translation>Otra &amp;vez:</translation>
    </message>
    <message>
        <source>the two passwords differ: type the same one twice</source>
        <translation>las dos contraseñas no coinciden: escriba la misma dos veces</translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <source>Edit patient</source>
        <translation>Editar paciente</translation>
    </message>
    <message>
        <source>Add patient</source>
        <translation>Añadir paciente</translation>
    </message>
    <message>
        <source>MRN (medical record number)</source>
        <translation>NHC (número de historia clínica)</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatorio</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, blank if unknown</source>
        <translation>AAAA-MM-DD, en blanco si no se sabe</translation>
    </message>
    <message>
        <source>Not a date yet</source>
        <translation>Aún no es una fecha</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexo</translation>
    </message>
    <message>
        <source>Preferred language for handouts</source>
        <translation>Idioma preferido para las hojas</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Optional, e.g. name@example.com</source>
        <translation>Opcional, p. ej. nombre@example.com</translation>
    </message>
    <message>
        <source>&amp;MRN:</source>
        <translation>&amp;NHC:</translation>
    </message>
    <message>
        <source>&amp;Given name:</source>
        <translation>N&amp;ombre:</translation>
    </message>
    <message>
        <source>&amp;Family name:</source>
        <translation>&amp;Apellidos:</translation>
    </message>
    <message>
        <source>&amp;Birth date:</source>
        <translation>&amp;Fecha de nacimiento:</translation>
    </message>
    <message>
        <source>&amp;Sex:</source>
        <translation>&amp;Sexo:</translation>
    </message>
    <message>
        <source>Preferred &amp;language:</source>
        <translation>&amp;Idioma preferido:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Correo:</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Guardar cambios</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Age {birth_date}</source>
        <translation>Edad: {birth_date}</translation>
    </message>
</context>
<context>
    <name>PatientMode</name>
    <message>
        <source>Questionnaire</source>
        <translation>Cuestionario</translation>
    </message>
    <message>
        <source>Answer {value}</source>
        <translation>Respuesta {value}</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Atrás</translation>
    </message>
    <message>
        <source>Skip this question</source>
        <translation>Saltar esta pregunta</translation>
    </message>
    <message>
        <source>Thank you. Please give the tablet back to your therapist.</source>
        <translation>Gracias. Devuelva la tableta a su terapeuta, por favor.</translation>
    </message>
    <message>
        <source>Therapist&apos;s password</source>
        <translation>Contraseña de terapeuta</translation>
    </message>
    <message>
        <source>Back to the therapist</source>
        <translation>Devolver la tableta</translation>
    </message>
    <message>
        <source>Clear answers</source>
        <translation>Borrar respuestas</translation>
    </message>
    <message>
        <source>Throw these answers away and lock the screen</source>
        <translation>Descartar estas respuestas y bloquear la pantalla</translation>
    </message>
    <message>
        <source>Question {value} of {questions}</source>
        <translation>Pregunta {value} de {questions}</translation>
    </message>
    <message>
        <source>Answer {value}: {words}</source>
        <translation>Respuesta {value}: {words}</translation>
    </message>
    <message>
        <source>That password is not right.</source>
        <translation>Esa contraseña no es correcta.</translation>
    </message>
</context>
<context>
    <name>PatientPanel</name>
    <message>
        <source>Find patient: name, MRN or birth date</source>
        <translation>Buscar paciente: nombre, NHC o fecha de nacimiento</translation>
    </message>
    <message>
        <source>Find patient</source>
        <translation>Buscar paciente</translation>
    </message>
    <message>
        <source>Patients found</source>
        <translation>Pacientes encontrados</translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation>&amp;Nuevo paciente…</translation>
    </message>
    <message>
        <source>Edi&amp;t…</source>
        <translation>Edi&amp;tar…</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Visitas</translation>
    </message>
    <message>
        <source>Visits of the selected patient</source>
        <translation>Visitas del paciente seleccionado</translation>
    </message>
    <message>
        <source>Start ne&amp;w visit</source>
        <translation>Empe&amp;zar nueva visita</translation>
    </message>
    <message>
        <source>Episodes of care</source>
        <translation>Episodios de atención</translation>
    </message>
    <message>
        <source>Episodes of care of the selected patient</source>
        <translation>Episodios de atención del paciente seleccionado</translation>
    </message>
    <message>
        <source>Open an episode (Enter or double-click) to see its progress</source>
        <translation>Abra un episodio (Intro o doble clic) para ver su evolución</translation>
    </message>
    <message>
        <source>New episode…</source>
        <translation>Nuevo episodio…</translation>
    </message>
    <message>
        <source> · born {date}</source>
        <translation> · nacimiento {date}</translation>
    </message>
    <message>
        <source>{family_name}, {given_name}
MRN {mrn}{born}</source>
        <translation>{family_name}, {given_name}
NHC {mrn}{born}</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>finalizada</translation>
    </message>
    <message>
        <source>no complaints recorded</source>
        <translation>sin molestias registradas</translation>
    </message>
    <message>
        <source> · open now</source>
        <translation> · abierta ahora</translation>
    </message>
    <message>
        <source>Visits ({visits})</source>
        <translation>Visitas ({visits})</translation>
    </message>
    <message>
        <source>Visits: none yet</source>
        <translation>Visitas: ninguna aún</translation>
    </message>
    <message>
        <source>discharged {date}</source>
        <translation>alta {date}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n visita</numerusform>
            <numerusform>%n visitas</numerusform>
        </translation>
    </message>
    <message>
        <source>Episode of care</source>
        <translation>Episodio de atención</translation>
    </message>
    <message>
        <source>{reason} · {ended}
from {start_date} · {visits}</source>
        <translation>{reason} · {ended}
desde {start_date} · {visits}</translation>
    </message>
    <message>
        <source>Episodes of care ({episodes})</source>
        <translation>Episodios de atención ({episodes})</translation>
    </message>
    <message>
        <source>Episodes of care: none yet</source>
        <translation>Episodios de atención: ninguno aún</translation>
    </message>
</context>
<context>
    <name>PlanSection</name>
    <message>
        <source>Bac&amp;k to the proposal</source>
        <translation>Volver a la pr&amp;opuesta</translation>
    </message>
    <message>
        <source>Throw away your changes and follow what triage proposes again</source>
        <translation>Descartar sus cambios y volver a seguir lo que propone el triaje</translation>
    </message>
    <message>
        <source>Home programme given despite a red flag</source>
        <translation>Programa en casa dado a pesar de una bandera roja</translation>
    </message>
    <message>
        <source>Not in today&apos;s plan</source>
        <translation>No entra en el plan de hoy</translation>
    </message>
    <message>
        <source>Do the red-flag checklist first</source>
        <translation>Primero haga la lista de banderas rojas</translation>
    </message>
    <message>
        <source>No home programme is proposed until every red-flag question is answered: any Yes means referral instead of exercises. Answer the questions still marked Not asked (“No to all the rest” answers No to them at once).</source>
        <translation>No se propone ningún programa en casa hasta responder todas las preguntas de banderas rojas: cualquier Sí significa derivación en lugar de ejercicios. Responda las preguntas aún marcadas Sin preguntar («No a todas las demás» les responde No a la vez).</translation>
    </message>
    <message>
        <source>Go to the red-flag &amp;checklist</source>
        <translation>Ir a la &amp;lista de banderas rojas</translation>
    </message>
    <message>
        <source>Go to the red-flag checklist</source>
        <translation>Ir a la lista de banderas rojas</translation>
    </message>
    <message>
        <source>Add from li&amp;brary…</source>
        <translation>&amp;Biblioteca…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Subir</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>Ba&amp;jar</translation>
    </message>
    <message>
        <source>Progress ▲</source>
        <translation>Progresar ▲</translation>
    </message>
    <message>
        <source>Regress ▼</source>
        <translation>Regresar ▼</translation>
    </message>
    <message>
        <source>The selected exercise one step harder: its dose, then its harder version</source>
        <translation>El ejercicio seleccionado un paso más difícil: primero la dosis, luego su versión más difícil</translation>
    </message>
    <message>
        <source>The selected exercise one step easier: its dose, then its easier version</source>
        <translation>El ejercicio seleccionado un paso más fácil: primero la dosis, luego su versión más fácil</translation>
    </message>
    <message>
        <source>Add an exercise from the library (Alt+B)</source>
        <translation>Añadir un ejercicio de la biblioteca (Alt+B)</translation>
    </message>
    <message>
        <source>Remove the selected exercise (Alt+M)</source>
        <translation>Quitar el ejercicio seleccionado (Alt+Q)</translation>
    </message>
    <message>
        <source>Move the selected exercise up (Alt+U or Alt+Up)</source>
        <translation>Subir el ejercicio seleccionado (Alt+S o Alt+Arriba)</translation>
    </message>
    <message>
        <source>Move the selected exercise down (Alt+O or Alt+Down)</source>
        <translation>Bajar el ejercicio seleccionado (Alt+J o Alt+Abajo)</translation>
    </message>
    <message>
        <source>Not progressed: correct this exercise&apos;s dose first.</source>
        <translation>Sin progresar: primero corrija la dosis de este ejercicio.</translation>
    </message>
    <message>
        <source>Not regressed: correct this exercise&apos;s dose first.</source>
        <translation>Sin regresar: primero corrija la dosis de este ejercicio.</translation>
    </message>
    <message>
        <source>Not progressed: {change}.</source>
        <translation>Sin progresar: {change}.</translation>
    </message>
    <message>
        <source>Not regressed: {change}.</source>
        <translation>Sin regresar: {change}.</translation>
    </message>
    <message>
        <source>Progressed: {change}.</source>
        <translation>Progresado: {change}.</translation>
    </message>
    <message>
        <source>Regressed: {change}.</source>
        <translation>Regresado: {change}.</translation>
    </message>
    <message>
        <source>{exercise}: already at its hardest step</source>
        <translation>{exercise}: ya está en su paso más difícil</translation>
    </message>
    <message>
        <source>{exercise}: already at its easiest step</source>
        <translation>{exercise}: ya está en su paso más fácil</translation>
    </message>
    <message>
        <source>hold {before} s → {after} s</source>
        <translation>mantener {before} s → {after} s</translation>
    </message>
    <message>
        <source>reps {before} → {after}</source>
        <translation>repeticiones {before} → {after}</translation>
    </message>
    <message>
        <source>sets {before} → {after}</source>
        <translation>series {before} → {after}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your plan.&lt;/b&gt; It no longer follows the triage proposal.</source>
        <translation>&lt;b&gt;Su plan.&lt;/b&gt; Ya no sigue la propuesta del triaje.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Proposed by triage&lt;/b&gt; from today&apos;s findings. Change anything to make it your plan.</source>
        <translation>&lt;b&gt;Propuesto por el triaje&lt;/b&gt; a partir de los hallazgos de hoy. Cambie lo que quiera para hacerlo su plan.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Triage proposes no exercises&lt;/b&gt; yet: no abnormal findings have been recorded.</source>
        <translation>&lt;b&gt;El triaje aún no propone ejercicios&lt;/b&gt;: no se ha registrado ningún hallazgo anormal.</translation>
    </message>
    <message>
        <source>Record the screens to get a proposal, or use “Add from library…” to build a plan.</source>
        <translation>Registre las pruebas para obtener una propuesta, o use el botón «Biblioteca…» para hacer un plan.</translation>
    </message>
    <message>
        <source>The plan is empty: the handout will have no exercises. Use “Add from library…” to add one.</source>
        <translation>El plan está vacío: la hoja no tendrá ejercicios. Use el botón «Biblioteca…» para añadir uno.</translation>
    </message>
    <message>
        <source>Proposed by triage: {served}</source>
        <translation>Propuesto por el triaje: {served}</translation>
    </message>
    <message>
        <source>Proposed by triage for {served}</source>
        <translation>Propuesto por el triaje para {served}</translation>
    </message>
    <message>
        <source>For {served}</source>
        <translation>Para {served}</translation>
    </message>
    <message>
        <source>strengthening for {complaints}</source>
        <translation>fortalecimiento para {complaints}</translation>
    </message>
    <message>
        <source>Home programme given despite: {flags} (overridden). The referral letter prints first, then the handout.</source>
        <translation>Programa en casa dado a pesar de: {flags} (con excepción). Primero se imprime la carta de derivación y después la hoja.</translation>
    </message>
    <message>
        <source>Not in today&apos;s plan (the plan is full: at most {limit} exercises): {left_out}. Swap one in if it matters more, or give it at the next visit.</source>
        <translation>No entra en el plan de hoy (el plan está lleno: {limit} ejercicios como máximo): {left_out}. Cámbielo por otro si importa más, o déselo en la próxima visita.</translation>
    </message>
</context>
<context>
    <name>PreviewSection</name>
    <message>
        <source>Preparing the document…</source>
        <translation>Preparando el documento…</translation>
    </message>
    <message>
        <source>Patient handout (or referral letter)</source>
        <translation>Hoja del paciente (o carta de derivación)</translation>
    </message>
    <message>
        <source>Visit summary for the chart</source>
        <translation>Resumen de la visita para la historia</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Patient&apos;s language</source>
        <translation>Idioma del paciente</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish / Español</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Lar&amp;ge print</source>
        <translation>Letra &amp;grande</translation>
    </message>
    <message>
        <source>Large print</source>
        <translation>Letra grande</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Imp&amp;rimir…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>Guardar como P&amp;DF…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Guardar como PDF</translation>
    </message>
    <message>
        <source>Left out of the documents</source>
        <translation>Fuera de los documentos</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>Documento:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Fix the entries marked in red to see the documents.</source>
        <translation>Corrija los datos marcados en rojo para ver los documentos.</translation>
    </message>
    <message>
        <source>Every document needs the clinic&apos;s name, phone and emergency number: press Print or Save to enter what is missing.</source>
        <translation>Todo documento necesita el nombre, el teléfono y el número de emergencias de la clínica: pulse Imprimir o Guardar para introducir lo que falta.</translation>
    </message>
    <message numerus="yes">
        <source>{title}: %n page(s).</source>
        <translation>
            <numerusform>{title}: %n página.</numerusform>
            <numerusform>{title}: %n páginas.</numerusform>
        </translation>
    </message>
    <message>
        <source>The document cannot be made yet: {details}.</source>
        <translation>Todavía no se puede hacer el documento: {details}.</translation>
    </message>
    <message>
        <source> Enter the clinic&apos;s details in Settings (Ctrl+,).</source>
        <translation> Introduzca los datos de la clínica en Configuración (Ctrl+,).</translation>
    </message>
    <message>
        <source>The document could not be built. Your visit is saved; please try again.</source>
        <translation>No se pudo hacer el documento. Su visita está guardada; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>No guardado</translation>
    </message>
    <message>
        <source>The PDF was not saved: {error}.</source>
        <translation>El PDF no se guardó: {error}.</translation>
    </message>
    <message>
        <source>Saved {document} as {path}.</source>
        <translation>Guardado: {document}, como {path}.</translation>
    </message>
    <message>
        <source>Print {document}</source>
        <translation>Imprimir: {document}</translation>
    </message>
    <message>
        <source>Not printed or saved: {error}.</source>
        <translation>No se imprimió ni se guardó: {error}.</translation>
    </message>
    <message>
        <source>Not printed or saved: the print could not be recorded. Please try again.</source>
        <translation>No se imprimió ni se guardó: no se pudo registrar la impresión. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Printing the {title}…</source>
        <translation>Imprimiendo: {title}…</translation>
    </message>
    <message>
        <source>Sent the {title} to the printer.</source>
        <translation>Enviado a la impresora: {title}.</translation>
    </message>
    <message>
        <source>Not printed: {error}. The visit is saved.</source>
        <translation>No se imprimió: {error}. La visita está guardada.</translation>
    </message>
    <message>
        <source>Printing failed. Check the printer, then try again; the visit is saved.</source>
        <translation>Falló la impresión. Revise la impresora y vuelva a intentarlo; la visita está guardada.</translation>
    </message>
    <message>
        <source>Before printing or saving, enter the clinic&apos;s {words} in Settings.</source>
        <translation>Antes de imprimir o guardar, introduzca en Configuración estos datos de la clínica: {words}.</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <source>Paper size</source>
        <translation>Tamaño del papel</translation>
    </message>
    <message>
        <source>US Letter (8.5 by 11 inches)</source>
        <translation>Carta EE. UU. (8,5 por 11 pulgadas)</translation>
    </message>
    <message>
        <source>A4 (210 by 297 mm)</source>
        <translation>A4 (210 por 297 mm)</translation>
    </message>
    <message>
        <source>Default handout language</source>
        <translation>Idioma predeterminado de las hojas</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Print handouts in large type</source>
        <translation>Imprimir las hojas con letra grande</translation>
    </message>
    <message>
        <source>Large print handouts</source>
        <translation>Hojas con letra grande</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>&amp;Papel:</translation>
    </message>
    <message>
        <source>Handout &amp;language:</source>
        <translation>&amp;Idioma de las hojas:</translation>
    </message>
    <message>
        <source>Used when the patient&apos;s preferred language is not recorded.</source>
        <translation>Se usa cuando no consta el idioma preferido del paciente.</translation>
    </message>
    <message>
        <source>Large print:</source>
        <translation>Letra grande:</translation>
    </message>
    <message>
        <source>For patients with poor eyesight: bigger text and pictures, so handouts run to more pages.</source>
        <translation>Para pacientes que ven poco: texto y dibujos más grandes, así que las hojas ocupan más páginas.</translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <source>New follow-up</source>
        <translation>Nuevo seguimiento</translation>
    </message>
    <message>
        <source>A new visit started from this episode&apos;s last visit</source>
        <translation>Una nueva visita a partir de la última visita de este episodio</translation>
    </message>
    <message>
        <source>D&amp;ischarge…</source>
        <translation>Dar de &amp;alta…</translation>
    </message>
    <message>
        <source>&amp;Goals…</source>
        <translation>&amp;Objetivos…</translation>
    </message>
    <message>
        <source>P&amp;rint progress report…</source>
        <translation>Imp&amp;rimir informe de evolución…</translation>
    </message>
    <message>
        <source>Save progress report as P&amp;DF…</source>
        <translation>Guardar informe de evolución como P&amp;DF…</translation>
    </message>
    <message>
        <source>Outcome measures</source>
        <translation>Medidas de resultado</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Medida</translation>
    </message>
    <message>
        <source>Values (oldest first)</source>
        <translation>Valores (el más antiguo primero)</translation>
    </message>
    <message>
        <source>Change since first</source>
        <translation>Cambio desde el primero</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Objetivos</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>At each visit</source>
        <translation>En cada visita</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <source>No outcome measure recorded in this episode yet.</source>
        <translation>Aún no hay medidas de resultado registradas en este episodio.</translation>
    </message>
    <message>
        <source>No goals set for this episode.</source>
        <translation>No hay objetivos para este episodio.</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
    <message>
        <source>Episode of care</source>
        <translation>Episodio de atención</translation>
    </message>
    <message>
        <source>discharged {date}</source>
        <translation>alta {date}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <source> · referred by {referred_by}</source>
        <translation> · derivado por {referred_by}</translation>
    </message>
    <message numerus="yes">
        <source>Started {date} · {ended}{referred} · %n visit(s)</source>
        <translation>
            <numerusform>Inicio {date} · {ended}{referred} · %n visita</numerusform>
            <numerusform>Inicio {date} · {ended}{referred} · %n visitas</numerusform>
        </translation>
    </message>
    <message>
        <source>discharge summary</source>
        <translation>informe de alta</translation>
    </message>
    <message>
        <source>progress report</source>
        <translation>informe de evolución</translation>
    </message>
    <message>
        <source>P&amp;rint {document}…</source>
        <translation>Imp&amp;rimir {document}…</translation>
    </message>
    <message>
        <source>Save {document} as P&amp;DF…</source>
        <translation>Guardar {document} como P&amp;DF…</translation>
    </message>
    <message>
        <source>Start the first visit</source>
        <translation>Empezar la primera visita</translation>
    </message>
    <message>
        <source>MCID source: {source}</source>
        <translation>Fuente de la MCID: {source}</translation>
    </message>
    <message>
        <source>Charts (shaded: within the MCID of the first value, a change not yet meaningful)</source>
        <translation>Gráficos (sombreado: dentro de la MCID del primer valor, un cambio aún no relevante)</translation>
    </message>
    <message>
        <source>Charts: nothing measured yet</source>
        <translation>Gráficos: aún no hay nada medido</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <source>&amp;Print the recovery sheet…</source>
        <translation>&amp;Imprimir la hoja de recuperación…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Guardar como P&amp;DF…</translation>
    </message>
    <message>
        <source>I have printed this recovery key or &amp;written it down, and will keep it locked away</source>
        <translation>He impreso esta clave de recuperación o la he &amp;anotado, y la guardaré bajo llave</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continuar</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Your recovery key&lt;/h2&gt;&lt;p&gt;This clinic&apos;s records are now encrypted on this computer. Each account&apos;s password opens them. Print this key (or write it down) now: it is shown only this once.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Su clave de recuperación&lt;/h2&gt;&lt;p&gt;Los registros de esta clínica ya están cifrados en este ordenador. La contraseña de cada cuenta los abre. Imprima esta clave (o anótela) ahora: solo se muestra esta vez.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>group {value}: {value2}</source>
        <translation>grupo {value}: {value2}</translation>
    </message>
    <message>
        <source>Print the recovery sheet</source>
        <translation>Imprimir la hoja de recuperación</translation>
    </message>
    <message>
        <source>Not printed: {error}. Save it as a PDF, or write the key down.</source>
        <translation>No se imprimió: {error}. Guárdela como PDF o anote la clave.</translation>
    </message>
    <message>
        <source>Sent the recovery sheet to the printer.</source>
        <translation>Hoja de recuperación enviada a la impresora.</translation>
    </message>
    <message>
        <source>Save the recovery sheet</source>
        <translation>Guardar la hoja de recuperación</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved: {error}.</source>
        <translation>No se guardó: {error}.</translation>
    </message>
    <message>
        <source>Saved the recovery sheet to {path}. Print it, then keep it off this computer.</source>
        <translation>Hoja de recuperación guardada en {path}. Imprímala y luego no la deje en este ordenador.</translation>
    </message>
</context>
<context>
    <name>RedFlagsSection</name>
    <message>
        <source>No to all the &amp;rest</source>
        <translation>No a todas las &amp;demás</translation>
    </message>
    <message>
        <source>No to all the rest: answer No to every question not asked yet</source>
        <translation>No a todas las demás: responder No a cada pregunta aún sin hacer</translation>
    </message>
    <message>
        <source>Answer No to every question that is still Not asked</source>
        <translation>Responder No a cada pregunta que sigue Sin preguntar</translation>
    </message>
    <message>
        <source>Ask each question. Any &lt;b&gt;Yes&lt;/b&gt; means referral instead of a home programme (a flag needing referral within a week may be overridden, with a reason).</source>
        <translation>Haga cada pregunta. Cualquier &lt;b&gt;Sí&lt;/b&gt; significa derivación en lugar de un programa en casa (una bandera que pide derivar en menos de una semana admite una excepción, con un motivo).</translation>
    </message>
    <message>
        <source>{asked} of {rows} asked</source>
        <translation>{asked} de {rows} hechas</translation>
    </message>
    <message>
        <source>&lt;b&gt;Overridden&lt;/b&gt; — home programme given. Reason: {reason}</source>
        <translation>&lt;b&gt;Con excepción&lt;/b&gt;: se da el programa en casa. Motivo: {reason}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Override not in force&lt;/b&gt;: {problem}. Remove it to finish the visit.&lt;br&gt;Reason given: {reason}</source>
        <translation>&lt;b&gt;Excepción sin efecto&lt;/b&gt;: {problem}. Quítela para finalizar la visita.&lt;br&gt;Motivo dado: {reason}</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>Sin preguntar</translation>
    </message>
    <message>
        <source>Override removed, because the answer is now {answer}. The reason was: {value}</source>
        <translation>Excepción quitada, porque ahora la respuesta es {answer}. El motivo era: {value}</translation>
    </message>
    <message>
        <source>Cannot be overridden while the referral is needed sooner, because of {value}.</source>
        <translation>No admite excepción mientras la derivación sea más urgente, por {value}.</translation>
    </message>
    <message>
        <source>If it is safe to start the exercises, you may override this flag, with a written reason.</source>
        <translation>Si es seguro empezar los ejercicios, puede hacer una excepción con esta bandera, con un motivo escrito.</translation>
    </message>
</context>
<context>
    <name>ReferralBanner</name>
    <message>
        <source>Refer — do not give a home programme</source>
        <translation>Derivar: no dar programa en casa</translation>
    </message>
    <message>
        <source>Referral needed</source>
        <translation>Derivación necesaria</translation>
    </message>
    <message>
        <source>&lt;br&gt;Urgency raised by: {combinations}</source>
        <translation>&lt;br&gt;Urgencia aumentada por: {combinations}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{when}&lt;/b&gt; — %n red flag(s) answered Yes{raised}</source>
        <translation>
            <numerusform>&lt;b&gt;{when}&lt;/b&gt;: %n bandera roja con respuesta Sí{raised}</numerusform>
            <numerusform>&lt;b&gt;{when}&lt;/b&gt;: %n banderas rojas con respuesta Sí{raised}</numerusform>
        </translation>
    </message>
    <message>
        <source>Refer — home programme given by override (the letter prints first)</source>
        <translation>Derivar: programa en casa dado por excepción (la carta se imprime primero)</translation>
    </message>
</context>
<context>
    <name>ScreeningCard</name>
    <message>
        <source>How to</source>
        <translation>Cómo se hace</translation>
    </message>
    <message>
        <source>How to do the {name} screen</source>
        <translation>Cómo hacer la prueba {name}</translation>
    </message>
    <message>
        <source>Mark not done</source>
        <translation>Marcar no hecha</translation>
    </message>
    <message>
        <source>Mark {name} not done: clears what is recorded</source>
        <translation>Marcar {name} como no hecha: borra lo registrado</translation>
    </message>
    <message>
        <source>Clear this card: the screen was not done</source>
        <translation>Vaciar esta ficha: la prueba no se hizo</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Undo: bring back what {name} recorded</source>
        <translation>Deshacer: recuperar lo registrado en {name}</translation>
    </message>
    <message>
        <source>Bring back what was recorded on this card before it was marked not done</source>
        <translation>Recuperar lo registrado en esta ficha antes de marcarla como no hecha</translation>
    </message>
    <message>
        <source>{name} last time</source>
        <translation>{name}, la última vez</translation>
    </message>
    <message>
        <source>Illustration: {name}</source>
        <translation>Dibujo: {name}</translation>
    </message>
    <message>
        <source>Required: choose one.</source>
        <translation>Obligatorio: elija una opción.</translation>
    </message>
    <message>
        <source>— recorded</source>
        <translation>— registrada</translation>
    </message>
    <message>
        <source>— cleared:</source>
        <translation>— vaciada:</translation>
    </message>
    <message>
        <source>— not done</source>
        <translation>— no hecha</translation>
    </message>
</context>
<context>
    <name>ScreeningSection</name>
    <message>
        <source>Last time ({day}):
{lines}</source>
        <translation>La última vez ({day}):
{lines}</translation>
    </message>
</context>
<context>
    <name>SecurityPage</name>
    <message>
        <source>Lock after idle minutes</source>
        <translation>Bloquear tras minutos sin uso</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minutos</translation>
    </message>
    <message>
        <source>&amp;Lock after:</source>
        <translation>&amp;Bloquear tras:</translation>
    </message>
    <message>
        <source>With no typing or clicking for this long, every computer of the clinic hides patient data and asks for the password again; the open visit is saved first and comes back after unlocking. Ctrl+L locks at once.</source>
        <translation>Tras este tiempo sin escribir ni hacer clic, cada ordenador de la clínica oculta los datos de pacientes y vuelve a pedir la contraseña; antes se guarda la visita abierta, que vuelve al desbloquear. Ctrl+L bloquea al momento.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Páginas de la configuración</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Needed before printing</source>
        <translation>Necesario antes de imprimir</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>teléfono</translation>
    </message>
    <message>
        <source>emergency number</source>
        <translation>número de emergencias</translation>
    </message>
    <message>
        <source>Enter the clinic&apos;s {wanted} before printing or saving a document: every handout and referral letter tells the patient whom to call.</source>
        <translation>Introduzca estos datos de la clínica antes de imprimir o guardar un documento: {wanted}. Cada hoja y cada carta de derivación dicen al paciente a quién llamar.</translation>
    </message>
</context>
<context>
    <name>SignatureBox</name>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Addenda</source>
        <translation>Adendas</translation>
    </message>
    <message>
        <source>Add adden&amp;dum…</source>
        <translation>Añadir a&amp;denda…</translation>
    </message>
    <message>
        <source>Add a correction or a later fact; the signed visit itself stays as it is</source>
        <translation>Añadir una corrección o un dato posterior; la visita firmada se queda como está</translation>
    </message>
</context>
<context>
    <name>TriagePanel</name>
    <message>
        <source>&lt;b&gt;Triage&lt;/b&gt;</source>
        <translation>&lt;b&gt;Triaje&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Triage result</source>
        <translation>Resultado del triaje</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p style=&apos;color:#c62828&apos;&gt;&lt;b&gt;%n entry(ies) need(s) fixing (marked in red in the form).&lt;/b&gt; The triage below is from before.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p style=&apos;color:#c62828&apos;&gt;&lt;b&gt;%n dato necesita corrección (marcado en rojo en el formulario).&lt;/b&gt; El triaje de abajo es de antes.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p style=&apos;color:#c62828&apos;&gt;&lt;b&gt;%n datos necesitan corrección (marcados en rojo en el formulario).&lt;/b&gt; El triaje de abajo es de antes.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;li&gt;…and {more} more&lt;/li&gt;</source>
        <translation>&lt;li&gt;…y {more} más&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;No triage yet.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;Aún no hay triaje.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>From the clinical rules (resources/clinical): {rules}</source>
        <translation>De las reglas clínicas (resources/clinical): {rules}</translation>
    </message>
</context>
<context>
    <name>ValueCombo</name>
    <message>
        <source>{value} (not a listed choice)</source>
        <translation>{value} (no está en la lista)</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <source>Visit sections</source>
        <translation>Secciones de la visita</translation>
    </message>
    <message>
        <source>&amp;1 Complaints</source>
        <translation>&amp;1 Molestias</translation>
    </message>
    <message>
        <source>&amp;2 Red flags</source>
        <translation>&amp;2 Banderas rojas</translation>
    </message>
    <message>
        <source>&amp;3 Screening</source>
        <translation>&amp;3 Pruebas</translation>
    </message>
    <message>
        <source>&amp;4 Plan</source>
        <translation>&amp;4 Plan</translation>
    </message>
    <message>
        <source>&amp;5 Print</source>
        <translation>&amp;5 Imprimir</translation>
    </message>
    <message>
        <source>Signed triage</source>
        <translation>Triaje firmado</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>Fecha de la visita</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Terapeuta</translation>
    </message>
    <message>
        <source>The account that records this visit; it is signed by whoever finishes it</source>
        <translation>La cuenta que registra esta visita; la firma quien la finaliza</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>F&amp;inish visit</source>
        <translation>F&amp;inalizar</translation>
    </message>
    <message>
        <source>Finish visit</source>
        <translation>Finalizar visita</translation>
    </message>
    <message>
        <source>Sign the visit; a finished visit cannot be changed (Ctrl+Enter)</source>
        <translation>Firmar la visita; una visita finalizada no se puede cambiar (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Fecha:</translation>
    </message>
    <message>
        <source>C&amp;linician:</source>
        <translation>Tera&amp;peuta:</translation>
    </message>
    <message>
        <source>Outcome measures…</source>
        <translation>Medidas…</translation>
    </message>
    <message>
        <source>NPRS, PSFS, LEFS: enter the paper answers or hand the tablet over</source>
        <translation>NPRS, PSFS, LEFS: introduzca las respuestas en papel o pase la tableta</translation>
    </message>
    <message>
        <source>&lt;b&gt;{full_name}&lt;/b&gt; &amp;nbsp;MRN {mrn}</source>
        <translation>&lt;b&gt;{full_name}&lt;/b&gt; &amp;nbsp;NHC {mrn}</translation>
    </message>
    <message>
        <source>This visit is finished and signed: it can no longer be changed</source>
        <translation>Esta visita está finalizada y firmada: ya no se puede cambiar</translation>
    </message>
    <message>
        <source>Finished (read-only)</source>
        <translation>Finalizada (solo lectura)</translation>
    </message>
    <message>
        <source>View only (your role)</source>
        <translation>Solo ver (su función)</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <source>Left out of the documents:
{entries}</source>
        <translation>Fuera de los documentos:
{entries}</translation>
    </message>
    <message>
        <source>{complaints} is not complete: with it the referral is needed {when}. Complete it in Complaints (Alt+1): until then no document is printed and the visit cannot be finished.</source>
        <translation>{complaints} no está completa: con ella la derivación es necesaria {when}. Complétela en Molestias (Alt+1): hasta entonces no se imprime ningún documento y la visita no se puede finalizar.</translation>
    </message>
    <message>
        <source>{complaints} are not complete: with them the referral is needed {when}. Complete them in Complaints (Alt+1): until then no document is printed and the visit cannot be finished.</source>
        <translation>{complaints} no están completas: con ellas la derivación es necesaria {when}. Complételas en Molestias (Alt+1): hasta entonces no se imprime ningún documento y la visita no se puede finalizar.</translation>
    </message>
    <message>
        <source>Fix the entries marked in red first:

{problems}</source>
        <translation>Primero corrija los datos marcados en rojo:

{problems}</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) not valid and will be left out of the finished visit:</source>
        <translation>
            <numerusform>%n dato no es válido y quedará fuera de la visita finalizada:</numerusform>
            <numerusform>%n datos no son válidos y quedarán fuera de la visita finalizada:</numerusform>
        </translation>
    </message>
    <message>
        <source>…and {more} more.</source>
        <translation>…y {more} más.</translation>
    </message>
    <message>
        <source>{entries}

Finish without them? A finished visit can no longer be changed.</source>
        <translation>{entries}

¿Finalizar sin ellos? Una visita finalizada ya no se puede cambiar.</translation>
    </message>
    <message>
        <source>&amp;Finish without it</source>
        <translation>&amp;Finalizar sin él</translation>
    </message>
    <message>
        <source>&amp;Finish without them</source>
        <translation>&amp;Finalizar sin ellos</translation>
    </message>
    <message>
        <source>Go &amp;back and fix it</source>
        <translation>&amp;Volver y corregirlo</translation>
    </message>
    <message>
        <source>Go &amp;back and fix them</source>
        <translation>&amp;Volver y corregirlos</translation>
    </message>
    <message>
        <source>This override is no longer in force:

{lines}

The patient is referred, so no home programme can be given. Remove the override in Red flags (Alt+2), then finish the visit.</source>
        <translation>Esta excepción ya no tiene efecto:

{lines}

El paciente se deriva, así que no se puede dar programa en casa. Quite la excepción en Banderas rojas (Alt+2) y luego finalice la visita.</translation>
    </message>
    <message>
        <source>These overrides are no longer in force:

{lines}

The patient is referred, so no home programme can be given. Remove the overrides in Red flags (Alt+2), then finish the visit.</source>
        <translation>Estas excepciones ya no tienen efecto:

{lines}

El paciente se deriva, así que no se puede dar programa en casa. Quite las excepciones en Banderas rojas (Alt+2) y luego finalice la visita.</translation>
    </message>
    <message>
        <source>Signed with rules {rules_version}: the triage below is the one the visit was signed with.</source>
        <translation>Firmada con las reglas {rules_version}: el triaje de abajo es con el que se firmó la visita.</translation>
    </message>
    <message>
        <source> Today&apos;s rules ({rules_version}) would give a different result; the signed record stays as it was.</source>
        <translation> Las reglas de hoy ({rules_version}) darían otro resultado; el registro firmado se queda como estaba.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Not saved: changed on another computer</source>
        <translation>Sin guardar: cambiada en otro ordenador</translation>
    </message>
    <message>
        <source>Not saved — will retry</source>
        <translation>Sin guardar: se volverá a intentar</translation>
    </message>
    <message>
        <source>Visit changed on another computer</source>
        <translation>Visita cambiada en otro ordenador</translation>
    </message>
    <message>
        <source>{message}.

Your changes since then are not saved.</source>
        <translation>{message}.

Sus cambios desde entonces no están guardados.</translation>
    </message>
    <message>
        <source>Reload to see the visit as it is now, then enter your changes again.</source>
        <translation>Vuelva a cargarla para ver la visita como está ahora y después introduzca de nuevo sus cambios.</translation>
    </message>
    <message>
        <source>&amp;Reload the visit</source>
        <translation>Volver a &amp;cargar la visita</translation>
    </message>
    <message>
        <source>&amp;Keep looking at my entries</source>
        <translation>&amp;Seguir viendo mis datos</translation>
    </message>
    <message>
        <source>Cannot finish yet</source>
        <translation>Aún no se puede finalizar</translation>
    </message>
    <message>
        <source>Sign and finish this visit? A finished visit can no longer be changed.</source>
        <translation>¿Firmar y finalizar esta visita? Una visita finalizada ya no se puede cambiar.</translation>
    </message>
    <message>
        <source>The addendum could not be saved.</source>
        <translation>No se pudo guardar la adenda.</translation>
    </message>
    <message>
        <source>Addendum not added</source>
        <translation>Adenda no añadida</translation>
    </message>
    <message>
        <source>{message}

What you typed is kept: try again.</source>
        <translation>{message}

Lo que escribió se conserva: inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>_RowSlot</name>
    <message>
        <source>Optional note for the patient</source>
        <translation>Nota opcional para el paciente</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>Unknown exercise “{exercise}”</source>
        <translation>Ejercicio desconocido «{exercise}»</translation>
    </message>
    <message>
        <source>Choose a side</source>
        <translation>Elija un lado</translation>
    </message>
    <message>
        <source>exercise {value}, {name}</source>
        <translation>ejercicio {value}, {name}</translation>
    </message>
    <message>
        <source>Side, {where}</source>
        <translation>Lado, {where}</translation>
    </message>
    <message>
        <source>Note, {where}</source>
        <translation>Nota, {where}</translation>
    </message>
</context>
<context>
    <name>_WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Clinic App&lt;/h2&gt;&lt;p&gt;Find a patient on the left (Ctrl+F) or add one (Ctrl+N), then start a visit (Ctrl+Shift+N).&lt;/p&gt;&lt;p&gt;Record the complaints, the red-flag checklist and the five screens; the triage panel explains each complaint as you go, and the Print step gives the patient&apos;s handout.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Clinic App&lt;/h2&gt;&lt;p&gt;Busque un paciente a la izquierda (Ctrl+F) o añada uno (Ctrl+N) y luego empiece una visita (Ctrl+Mayús+N).&lt;/p&gt;&lt;p&gt;Registre las molestias, la lista de banderas rojas y las cinco pruebas; el panel de triaje explica cada molestia sobre la marcha, y el paso Imprimir da la hoja del paciente.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No visit is open for the patient chosen on the left.&lt;/b&gt; Start a new visit (Ctrl+Shift+N), or open one from their list of visits (Enter on it).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;No hay ninguna visita abierta del paciente elegido a la izquierda.&lt;/b&gt; Empiece una visita nueva (Ctrl+Mayús+N) o abra una de su lista de visitas (Intro sobre ella).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;First time here?&lt;/b&gt; Open Settings (Ctrl+,) and enter your clinic&apos;s name, phone number and emergency number: every handout tells the patient how to reach you, and every referral letter whom to call in an emergency.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;¿Es la primera vez?&lt;/b&gt; Abra Configuración (Ctrl+,) e introduzca el nombre, el teléfono y el número de emergencias de su clínica: cada hoja dice al paciente cómo contactarles, y cada carta de derivación a quién llamar en una emergencia.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The database is empty. Load demo patients to try the app out?&lt;/p&gt;</source>
        <translation>&lt;p&gt;La base de datos está vacía. ¿Cargar pacientes de demostración para probar la aplicación?&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Load &amp;demo patients</source>
        <translation>Cargar pacientes de &amp;demostración</translation>
    </message>
</context>
<context>
    <name>accounts_dialog</name>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>N.º de colegiado</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>admin: accounts, settings, audit; also a therapist&apos;s work</source>
        <translation>administración: cuentas, configuración, auditoría; también el trabajo de terapeuta</translation>
    </message>
    <message>
        <source>therapist: records, signs, prints</source>
        <translation>terapeuta: registra, firma, imprime</translation>
    </message>
    <message>
        <source>assistant: finds patients, prints finished visits</source>
        <translation>auxiliar: busca pacientes, imprime visitas finalizadas</translation>
    </message>
    <message>
        <source>locked until {locked_until} (a new password lifts it)</source>
        <translation>bloqueada hasta {locked_until} (una contraseña nueva lo quita)</translation>
    </message>
</context>
<context>
    <name>answer_sheet</name>
    <message>
        <source>Item {value} (on your licensed form)</source>
        <translation>Pregunta {value} (en su formulario con licencia)</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Clinic App</source>
        <translation>Clinic App</translation>
    </message>
    <message>
        <source>Something went wrong inside Clinic App. What you entered is kept as a draft; if this happens again, please tell your IT contact (the log file has the details).</source>
        <translation>Algo salió mal dentro de Clinic App. Lo que introdujo se conserva como borrador; si vuelve a pasar, avise a su contacto de informática (el archivo de registro tiene los detalles).</translation>
    </message>
</context>
<context>
    <name>audit_dialog</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Patient MRN</source>
        <translation>NHC del paciente</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Ordenador</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
</context>
<context>
    <name>audit_words</name>
    <message>
        <source>Logged in</source>
        <translation>Inició sesión</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>Inicio de sesión fallido</translation>
    </message>
    <message>
        <source>Added an account</source>
        <translation>Añadió una cuenta</translation>
    </message>
    <message>
        <source>Disabled an account</source>
        <translation>Desactivó una cuenta</translation>
    </message>
    <message>
        <source>Enabled an account</source>
        <translation>Activó una cuenta</translation>
    </message>
    <message>
        <source>Set an account&apos;s password</source>
        <translation>Puso la contraseña de una cuenta</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Cerró la sesión</translation>
    </message>
    <message>
        <source>Locked the screen</source>
        <translation>Bloqueó la pantalla</translation>
    </message>
    <message>
        <source>Marked visits from before accounts</source>
        <translation>Marcó visitas de antes de las cuentas</translation>
    </message>
    <message>
        <source>Added a patient</source>
        <translation>Añadió un paciente</translation>
    </message>
    <message>
        <source>Changed a patient&apos;s details</source>
        <translation>Cambió los datos de un paciente</translation>
    </message>
    <message>
        <source>Opened a patient&apos;s record</source>
        <translation>Abrió la ficha de un paciente</translation>
    </message>
    <message>
        <source>Started a visit</source>
        <translation>Empezó una visita</translation>
    </message>
    <message>
        <source>Changed a visit</source>
        <translation>Cambió una visita</translation>
    </message>
    <message>
        <source>Added an addendum to a visit</source>
        <translation>Añadió una adenda a una visita</translation>
    </message>
    <message>
        <source>Changed the settings</source>
        <translation>Cambió la configuración</translation>
    </message>
    <message>
        <source>Imported a visit</source>
        <translation>Importó una visita</translation>
    </message>
    <message>
        <source>Exported a visit</source>
        <translation>Exportó una visita</translation>
    </message>
    <message>
        <source>Opened a visit</source>
        <translation>Abrió una visita</translation>
    </message>
    <message>
        <source>Finished and signed a visit</source>
        <translation>Finalizó y firmó una visita</translation>
    </message>
    <message>
        <source>Printed or saved a document</source>
        <translation>Imprimió o guardó un documento</translation>
    </message>
    <message>
        <source>Loaded the demo patients</source>
        <translation>Cargó los pacientes de demostración</translation>
    </message>
    <message>
        <source>Imported a patient</source>
        <translation>Importó un paciente</translation>
    </message>
    <message>
        <source>Exported a patient&apos;s record</source>
        <translation>Exportó la ficha de un paciente</translation>
    </message>
    <message>
        <source>Started an episode of care</source>
        <translation>Empezó un episodio de atención</translation>
    </message>
    <message>
        <source>Discharged an episode of care</source>
        <translation>Dio de alta un episodio de atención</translation>
    </message>
    <message>
        <source>Set an episode&apos;s goals</source>
        <translation>Fijó los objetivos de un episodio</translation>
    </message>
    <message>
        <source>Judged a goal at a visit</source>
        <translation>Valoró un objetivo en una visita</translation>
    </message>
    <message>
        <source>Recorded an outcome measure</source>
        <translation>Registró una medida de resultado</translation>
    </message>
    <message>
        <source>Imported a measure&apos;s wording</source>
        <translation>Importó el texto de una medida</translation>
    </message>
    <message>
        <source>Removed a measure&apos;s wording</source>
        <translation>Quitó el texto de una medida</translation>
    </message>
    <message>
        <source>Opened an episode&apos;s progress</source>
        <translation>Abrió la evolución de un episodio</translation>
    </message>
    <message>
        <source>Read the audit trail</source>
        <translation>Consultó el registro de auditoría</translation>
    </message>
    <message>
        <source>Backed up the database</source>
        <translation>Hizo una copia de seguridad de la base de datos</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Falló la copia de seguridad</translation>
    </message>
    <message>
        <source>Restored the database</source>
        <translation>Restauró la base de datos</translation>
    </message>
    <message>
        <source>Changed the database key</source>
        <translation>Cambió la clave de la base de datos</translation>
    </message>
    <message>
        <source>No such account</source>
        <translation>No existe esa cuenta</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation>Cuenta desactivada</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>Cuenta bloqueada</translation>
    </message>
    <message>
        <source>Wrong password</source>
        <translation>Contraseña incorrecta</translation>
    </message>
    <message>
        <source>Already stored</source>
        <translation>Ya estaba guardada</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Añadido</translation>
    </message>
    <message>
        <source>Daily backup</source>
        <translation>Copia diaria</translation>
    </message>
    <message>
        <source>Home exercise handout</source>
        <translation>Hoja de ejercicios en casa</translation>
    </message>
    <message>
        <source>Referral letter</source>
        <translation>Carta de derivación</translation>
    </message>
    <message>
        <source>Referral letter and home exercise handout</source>
        <translation>Carta de derivación y hoja de ejercicios en casa</translation>
    </message>
    <message>
        <source>Visit summary</source>
        <translation>Resumen de la visita</translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation>Informe de evolución</translation>
    </message>
    <message>
        <source>Discharge summary</source>
        <translation>Informe de alta</translation>
    </message>
    <message>
        <source>The backup folder was missing</source>
        <translation>Faltaba la carpeta de las copias</translation>
    </message>
    <message>
        <source>The backup folder could not be written to</source>
        <translation>No se pudo escribir en la carpeta de las copias</translation>
    </message>
    <message>
        <source>The disk was full</source>
        <translation>El disco estaba lleno</translation>
    </message>
    <message>
        <source>The copy could not be written or verified</source>
        <translation>No se pudo escribir o verificar la copia</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Hacer copia ahora</translation>
    </message>
    <message>
        <source>Before a new database key</source>
        <translation>Antes de una clave nueva de la base de datos</translation>
    </message>
    <message>
        <source>Wrong password; account locked for {minutes} minutes</source>
        <translation>Contraseña incorrecta; cuenta bloqueada {minutes} minutos</translation>
    </message>
    <message>
        <source>Account {username} ({role})</source>
        <translation>Cuenta {username} ({role})</translation>
    </message>
    <message>
        <source>Account {username}</source>
        <translation>Cuenta {username}</translation>
    </message>
    <message>
        <source>{how}: {file}</source>
        <translation>{how}: {file}</translation>
    </message>
    <message>
        <source>{measure} removed</source>
        <translation>{measure} quitada</translation>
    </message>
    <message>
        <source>user {username}</source>
        <translation>usuario {username}</translation>
    </message>
    <message>
        <source>since {time}</source>
        <translation>desde {time}</translation>
    </message>
    <message>
        <source>action “{action}”</source>
        <translation>acción «{action}»</translation>
    </message>
    <message>
        <source>one patient</source>
        <translation>un paciente</translation>
    </message>
    <message>
        <source>Filtered by {filters}</source>
        <translation>Filtrado por {filters}</translation>
    </message>
    <message>
        <source>{count} visits finished before accounts: signer unknown</source>
        <translation>{count} visitas finalizadas antes de las cuentas: firmante desconocido</translation>
    </message>
    <message>
        <source>{kept} accounts keep their passwords; {disabled} disabled without a key slot</source>
        <translation>{kept} cuentas conservan su contraseña; {disabled} desactivadas sin llave</translation>
    </message>
    <message>
        <source>Visits: {count}</source>
        <translation>Visitas: {count}</translation>
    </message>
    <message>
        <source>Goals: {count}</source>
        <translation>Objetivos: {count}</translation>
    </message>
    <message>
        <source>{patients} demo patients, {visits} visits</source>
        <translation>{patients} pacientes de demostración, {visits} visitas</translation>
    </message>
    <message>
        <source>From a visit document: {fields}</source>
        <translation>Desde un documento de visita: {fields}</translation>
    </message>
    <message>
        <source>Updated: {fields}</source>
        <translation>Actualizado: {fields}</translation>
    </message>
</context>
<context>
    <name>body_chart</name>
    <message>
        <source>Front</source>
        <translation>Delante</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Detrás</translation>
    </message>
</context>
<context>
    <name>complaints_section</name>
    <message>
        <source>Central</source>
        <translation>Central</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Izquierda</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Derecha</translation>
    </message>
    <message>
        <source>Both sides</source>
        <translation>Ambos lados</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Lado</translation>
    </message>
    <message>
        <source>Pain</source>
        <translation>Dolor</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>core_words</name>
    <message>
        <source>a number of centimetres from 0 to 10</source>
        <translation>un número de centímetros de 0 a 10</translation>
    </message>
    <message>
        <source>an angle in degrees from 0 to 180</source>
        <translation>un ángulo en grados de 0 a 180</translation>
    </message>
    <message>
        <source>a number of centimetres from 0 to 30</source>
        <translation>un número de centímetros de 0 a 30</translation>
    </message>
    <message>
        <source>a whole number from 0 to 3</source>
        <translation>un número entero de 0 a 3</translation>
    </message>
    <message>
        <source>a whole number from 0 to 10</source>
        <translation>un número entero de 0 a 10</translation>
    </message>
    <message>
        <source>a whole number of seconds from 1 to 600, or blank for a moving exercise</source>
        <translation>un número entero de segundos de 1 a 600, o en blanco para un ejercicio en movimiento</translation>
    </message>
    <message>
        <source>a whole number of repetitions from 1 to 100</source>
        <translation>un número entero de repeticiones de 1 a 100</translation>
    </message>
    <message>
        <source>a whole number of sets from 1 to 20</source>
        <translation>un número entero de series de 1 a 20</translation>
    </message>
    <message>
        <source>a whole number of times a day from 1 to 12</source>
        <translation>un número entero de veces al día de 1 a 12</translation>
    </message>
    <message>
        <source>yes or no</source>
        <translation>sí o no</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>sí o no</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un número entero</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un número</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>a date as YYYY-MM-DD</source>
        <translation>una fecha AAAA-MM-DD</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>una lista</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>un objeto</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>no puede estar vacío</translation>
    </message>
    <message>
        <source>expected binary data</source>
        <translation>se esperaban datos binarios</translation>
    </message>
    <message>
        <source>must be at least {bound}</source>
        <translation>debe ser como mínimo {bound}</translation>
    </message>
    <message>
        <source>must be more than {bound}</source>
        <translation>debe ser mayor que {bound}</translation>
    </message>
    <message>
        <source>must be at most {bound}</source>
        <translation>debe ser como máximo {bound}</translation>
    </message>
    <message>
        <source>must be less than {bound}</source>
        <translation>debe ser menor que {bound}</translation>
    </message>
    <message>
        <source>{problem}, got “{value}”</source>
        <translation>{problem}; se escribió «{value}»</translation>
    </message>
    <message>
        <source>expected {allowed}</source>
        <translation>se esperaba {allowed}</translation>
    </message>
    <message>
        <source>required: {allowed}</source>
        <translation>obligatorio: {allowed}</translation>
    </message>
    <message>
        <source>too long: at most {count} characters</source>
        <translation>demasiado largo: {count} caracteres como máximo</translation>
    </message>
    <message>
        <source>login failed for {user}: wrong user name or password, or the account is disabled ({count} failed logins in a row lock it for {minutes} minutes)</source>
        <translation>no se pudo iniciar sesión como {user}: nombre de usuario o contraseña incorrectos, o la cuenta está desactivada ({count} intentos fallidos seguidos la bloquean durante {minutes} minutos)</translation>
    </message>
    <message>
        <source>login failed for {user}: wrong user name or password, or the account is disabled</source>
        <translation>no se pudo iniciar sesión como {user}: nombre de usuario o contraseña incorrectos, o la cuenta está desactivada</translation>
    </message>
    <message>
        <source>the account {user} is locked after {count} failed logins in a row; try again after {until}, or ask an admin to set a new password</source>
        <translation>la cuenta {user} está bloqueada tras {count} intentos fallidos seguidos; vuelva a intentarlo después de las {until}, o pida a administración una contraseña nueva</translation>
    </message>
</context>
<context>
    <name>csv_import_dialog</name>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>MRN</source>
        <translation>NHC</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Qué se hará</translation>
    </message>
    <message>
        <source>The file could not be checked: the database did not answer. Nothing was imported; try again.</source>
        <translation>No se pudo comprobar el archivo: la base de datos no respondió. No se importó nada; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The patients could not be imported: the database did not answer. Nothing was imported; try again.</source>
        <translation>No se pudieron importar los pacientes: la base de datos no respondió. No se importó nada; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Import patients from CSV</source>
        <translation>Importar pacientes de un CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>cannot read {path}: no such file</source>
        <translation>no se puede leer {path}: no existe ese archivo</translation>
    </message>
    <message>
        <source>cannot read {path}: it is a folder, not a file</source>
        <translation>no se puede leer {path}: es una carpeta, no un archivo</translation>
    </message>
    <message>
        <source>cannot read {path}: {strerror}</source>
        <translation>no se puede leer {path}: {strerror}</translation>
    </message>
</context>
<context>
    <name>exercise_display</name>
    <message>
        <source>Stretch</source>
        <translation>Estiramiento</translation>
    </message>
    <message>
        <source>Mobility</source>
        <translation>Movilidad</translation>
    </message>
    <message>
        <source>Posture</source>
        <translation>Postura</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Fuerza</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Izquierda</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Derecha</translation>
    </message>
    <message>
        <source>Both sides</source>
        <translation>Ambos lados</translation>
    </message>
    <message>
        <source>Central</source>
        <translation>Central</translation>
    </message>
    <message>
        <source>Hold {hold_s} s</source>
        <translation>Mantener {hold_s} s</translation>
    </message>
    <message>
        <source>No hold (moving)</source>
        <translation>Sin mantener (en movimiento)</translation>
    </message>
    <message>
        <source>1 rep</source>
        <translation>1 repetición</translation>
    </message>
    <message>
        <source>{reps} reps</source>
        <translation>{reps} repeticiones</translation>
    </message>
    <message>
        <source>1 set</source>
        <translation>1 serie</translation>
    </message>
    <message>
        <source>{sets} sets</source>
        <translation>{sets} series</translation>
    </message>
    <message>
        <source>once a day</source>
        <translation>una vez al día</translation>
    </message>
    <message>
        <source>{per_day} times a day</source>
        <translation>{per_day} veces al día</translation>
    </message>
</context>
<context>
    <name>goals_dialog</name>
    <message>
        <source>{measure} (higher is better)</source>
        <translation>{measure} (más alto es mejor)</translation>
    </message>
    <message>
        <source>{measure} (lower is better)</source>
        <translation>{measure} (más bajo es mejor)</translation>
    </message>
    <message>
        <source>Goal {value}: {message}</source>
        <translation>Objetivo {value}: {message}</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <source>unknown (not installed)</source>
        <translation>desconocida (no instalado)</translation>
    </message>
    <message>
        <source>see the package</source>
        <translation>ver el paquete</translation>
    </message>
    <message>
        <source>not open yet</source>
        <translation>aún sin abrir</translation>
    </message>
    <message>
        <source>&lt;h2&gt;{APP_NAME}&lt;/h2&gt;&lt;p&gt;Version {value}. Screening, triage and home-exercise handouts for physical therapists.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Your data:&lt;/b&gt; {where}&lt;/p&gt;&lt;p&gt;{APP_NAME} is free software under the MIT licence. It ships with:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;DejaVu Sans&lt;/b&gt; fonts, for the printed documents: Bitstream Vera licence, DejaVu changes in the public domain (“Show the font licence” below).&lt;/li&gt;&lt;/ul&gt;&lt;table cellspacing=&apos;2&apos;&gt;&lt;tr&gt;&lt;th align=&apos;left&apos;&gt;Package&lt;/th&gt;&lt;th align=&apos;left&apos;&gt;Version&lt;/th&gt;&lt;th align=&apos;left&apos;&gt;Licence&lt;/th&gt;&lt;/tr&gt;{rows}&lt;/table&gt;&lt;p&gt;Qt and PySide6 are used under the GNU LGPL v3: you may replace them with a version of your own (https://www.qt.io/licensing/).&lt;/p&gt;</source>
        <translation>&lt;h2&gt;{APP_NAME}&lt;/h2&gt;&lt;p&gt;Versión {value}. Cribado, triaje y hojas de ejercicios en casa para fisioterapeutas.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Sus datos:&lt;/b&gt; {where}&lt;/p&gt;&lt;p&gt;{APP_NAME} es software libre con licencia MIT. Incluye:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Las fuentes &lt;b&gt;DejaVu Sans&lt;/b&gt;, para los documentos impresos: licencia Bitstream Vera, cambios de DejaVu en el dominio público («Ver la licencia de las fuentes», abajo).&lt;/li&gt;&lt;/ul&gt;&lt;table cellspacing=&apos;2&apos;&gt;&lt;tr&gt;&lt;th align=&apos;left&apos;&gt;Paquete&lt;/th&gt;&lt;th align=&apos;left&apos;&gt;Versión&lt;/th&gt;&lt;th align=&apos;left&apos;&gt;Licencia&lt;/th&gt;&lt;/tr&gt;{rows}&lt;/table&gt;&lt;p&gt;Qt y PySide6 se usan con la licencia GNU LGPL v3: puede sustituirlos por una versión propia (https://www.qt.io/licensing/).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>Same as the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administración</translation>
    </message>
    <message>
        <source>therapist</source>
        <translation>terapeuta</translation>
    </message>
    <message>
        <source>assistant</source>
        <translation>auxiliar</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>Complaints</source>
        <translation>Molestias</translation>
    </message>
    <message>
        <source>Red flags</source>
        <translation>Banderas rojas</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>Pruebas</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
</context>
<context>
    <name>measurement_field</name>
    <message>
        <source>degrees</source>
        <translation>grados</translation>
    </message>
    <message>
        <source>centimetres</source>
        <translation>centímetros</translation>
    </message>
</context>
<context>
    <name>outcomes_dialog</name>
    <message>
        <source>not asked</source>
        <translation>sin preguntar</translation>
    </message>
    <message>
        <source>met</source>
        <translation>conseguido</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>no conseguido</translation>
    </message>
    <message>
        <source>no pain</source>
        <translation>nada de dolor</translation>
    </message>
    <message>
        <source>worst pain imaginable</source>
        <translation>el peor dolor imaginable</translation>
    </message>
    <message>
        <source>cannot do it</source>
        <translation>no puedo hacerlo</translation>
    </message>
    <message>
        <source>as well as before</source>
        <translation>igual de bien que antes</translation>
    </message>
    <message>
        <source>the episode&apos;s first value</source>
        <translation>el primer valor del episodio</translation>
    </message>
    <message>
        <source>{change} since {date}: meaningful (reaches the MCID of {mcid})</source>
        <translation>{change} desde el {date}: relevante (alcanza la MCID de {mcid})</translation>
    </message>
    <message>
        <source>{change} since {date}: WORSE by the MCID ({mcid}) or more</source>
        <translation>{change} desde el {date}: PEOR en la MCID ({mcid}) o más</translation>
    </message>
    <message>
        <source>{change} since {date}: below the MCID of {mcid}</source>
        <translation>{change} desde el {date}: por debajo de la MCID de {mcid}</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>PNG or JPEG, up to 10 MB. Larger pictures are scaled down to 1200 pixels on the long side.</source>
        <translation>PNG o JPEG, hasta 10 MB. Las imágenes más grandes se reducen a 1200 píxeles por el lado largo.</translation>
    </message>
    <message>
        <source>US, Canada</source>
        <translation>EE. UU., Canadá</translation>
    </message>
    <message>
        <source>EU</source>
        <translation>UE</translation>
    </message>
    <message>
        <source>UK</source>
        <translation>Reino Unido</translation>
    </message>
    <message>
        <source>cannot open the file: {strerror}</source>
        <translation>no se puede abrir el archivo: {strerror}</translation>
    </message>
    <message>
        <source>the file is {value:.0f} MB; choose one of at most 10 MB</source>
        <translation>el archivo ocupa {value:.0f} MB; elija uno de 10 MB como máximo</translation>
    </message>
    <message>
        <source>this is not a PNG or JPEG picture</source>
        <translation>no es una imagen PNG ni JPEG</translation>
    </message>
    <message>
        <source>the picture cannot be read: {value}</source>
        <translation>no se puede leer la imagen: {value}</translation>
    </message>
    <message>
        <source>use digits, + and spaces only, e.g. 911 or 112</source>
        <translation>use solo cifras, + y espacios, p. ej. 911 o 112</translation>
    </message>
    <message>
        <source>too long: at most {EMERGENCY_NUMBER_MAX} characters</source>
        <translation>demasiado largo: {EMERGENCY_NUMBER_MAX} caracteres como máximo</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Clinic profile</source>
        <translation>Datos de la clínica</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Impresión</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
</context>
<context>
    <name>patient_dialog</name>
    <message>
        <source>Not recorded</source>
        <translation>Sin registrar</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Mujer</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Hombre</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>Not recorded (clinic default)</source>
        <translation>Sin registrar (el de la clínica)</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>MRN</source>
        <translation>NHC</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexo</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Idioma preferido</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>The patient could not be saved: the database did not answer. What you typed is kept; try again.</source>
        <translation>No se pudo guardar el paciente: la base de datos no respondió. Lo que escribió se conserva; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>expected a date as YYYY-MM-DD, got &quot;{value}&quot;</source>
        <translation>se esperaba una fecha AAAA-MM-DD, se escribió «{value}»</translation>
    </message>
    <message>
        <source>must not be in the future</source>
        <translation>no puede ser futura</translation>
    </message>
    <message>
        <source>must be after {value}</source>
        <translation>debe ser posterior a {value}</translation>
    </message>
</context>
<context>
    <name>patient_panel</name>
    <message>
        <source>left</source>
        <translation>izquierda</translation>
    </message>
    <message>
        <source>right</source>
        <translation>derecha</translation>
    </message>
</context>
<context>
    <name>plan_section</name>
    <message>
        <source>Hold (s)</source>
        <translation>Mant. (s)</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>Rep.</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>Times a day</source>
        <translation>Veces/día</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Ejercicio</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Lado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Dibujo</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Stretch and mobilise before strengthening: “{name}” (strength) comes before “{later}”. Move the strengthening exercise below the stretches.</source>
        <translation>Estirar y movilizar antes de fortalecer: «{name}» (fuerza) va antes de «{later}». Mueva el ejercicio de fuerza debajo de los estiramientos.</translation>
    </message>
    <message>
        <source>Back to the proposal</source>
        <translation>Volver a la propuesta</translation>
    </message>
    <message>
        <source>Replace your plan with the exercises triage proposes? Your changes to the plan will be lost.</source>
        <translation>¿Cambiar su plan por los ejercicios que propone el triaje? Se perderán sus cambios en el plan.</translation>
    </message>
    <message>
        <source>Replace my plan</source>
        <translation>Cambiar mi plan</translation>
    </message>
    <message>
        <source>Referral needed: no home programme</source>
        <translation>Derivación necesaria: sin programa en casa</translation>
    </message>
    <message>
        <source>A red flag was found, so this patient is referred on and no exercises are given. The handout prints as a referral letter; the triage panel lists the reasons. The exercise plan is kept and comes back if the red flag is cleared or overridden.</source>
        <translation>Se encontró una bandera roja, así que este paciente se deriva y no se dan ejercicios. La hoja se imprime como carta de derivación; el panel de triaje da los motivos. El plan de ejercicios se conserva y vuelve si la bandera roja se resuelve o recibe una excepción.</translation>
    </message>
</context>
<context>
    <name>preview_section</name>
    <message>
        <source>Home exercise handout</source>
        <translation>Hoja de ejercicios en casa</translation>
    </message>
    <message>
        <source>Referral letter</source>
        <translation>Carta de derivación</translation>
    </message>
    <message>
        <source>Referral letter and home exercise handout</source>
        <translation>Carta de derivación y hoja de ejercicios en casa</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>teléfono</translation>
    </message>
    <message>
        <source>emergency number</source>
        <translation>número de emergencias</translation>
    </message>
    <message>
        <source>Visit summary</source>
        <translation>Resumen de la visita</translation>
    </message>
</context>
<context>
    <name>progress_view</name>
    <message>
        <source>met</source>
        <translation>conseguido</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>no conseguido</translation>
    </message>
    <message>
        <source>first value</source>
        <translation>primer valor</translation>
    </message>
    <message>
        <source>{change} — meaningful (MCID {mcid})</source>
        <translation>{change}: relevante (MCID {mcid})</translation>
    </message>
    <message>
        <source>{change} — worse by the MCID ({mcid}) or more</source>
        <translation>{change}: peor en la MCID ({mcid}) o más</translation>
    </message>
    <message>
        <source>{change} — below the MCID ({mcid})</source>
        <translation>{change}: por debajo de la MCID ({mcid})</translation>
    </message>
    <message>
        <source>{measure} score</source>
        <translation>Puntuación {measure}</translation>
    </message>
    <message>
        <source>{name} (higher is better)</source>
        <translation>{name} (más alto es mejor)</translation>
    </message>
    <message>
        <source>{name} (lower is better)</source>
        <translation>{name} (más bajo es mejor)</translation>
    </message>
</context>
<context>
    <name>red_flags_section</name>
    <message>
        <source>The clinic&apos;s emergency number is not set: set it in Settings (Ctrl+,), Clinic profile, so that the letter tells the patient whom to call.</source>
        <translation>El número de emergencias de la clínica no está puesto: póngalo en Configuración (Ctrl+,), Datos de la clínica, para que la carta diga al paciente a quién llamar.</translation>
    </message>
</context>
<context>
    <name>screening_cards</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivelado</translation>
    </message>
    <message>
        <source>Left higher</source>
        <translation>Izquierda más alta</translation>
    </message>
    <message>
        <source>Right higher</source>
        <translation>Derecha más alta</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutra</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Adelantada</translation>
    </message>
    <message>
        <source>0 (pain)</source>
        <translation>0 (dolor)</translation>
    </message>
    <message>
        <source>Left leg</source>
        <translation>Pierna izquierda</translation>
    </message>
    <message>
        <source>Right leg</source>
        <translation>Pierna derecha</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Difference (optional)</source>
        <translation>Diferencia (opcional)</translation>
    </message>
    <message>
        <source>Craniovertebral angle (optional)</source>
        <translation>Ángulo craneovertebral (opcional)</translation>
    </message>
    <message>
        <source>Raised knee had to bend</source>
        <translation>La rodilla elevada tuvo que flexionarse</translation>
    </message>
    <message>
        <source>Resting foot turned out</source>
        <translation>El pie en reposo rotó hacia fuera</translation>
    </message>
    <message>
        <source>Resting leg lifted (thigh came up or knee bent)</source>
        <translation>La pierna en reposo se elevó (subió el muslo o se flexionó la rodilla)</translation>
    </message>
    <message>
        <source>Resting leg lifted
(thigh came up or knee bent)</source>
        <translation>La pierna en reposo se elevó
(subió el muslo o se flexionó la rodilla)</translation>
    </message>
    <message>
        <source>Raised leg angle (optional)</source>
        <translation>Ángulo de la pierna elevada (opcional)</translation>
    </message>
    <message>
        <source>FMS ASLR score (optional)</source>
        <translation>Puntuación FMS ASLR (opcional)</translation>
    </message>
    <message>
        <source>Knee touched the wall</source>
        <translation>La rodilla tocó la pared</translation>
    </message>
    <message>
        <source>Heel lifted</source>
        <translation>El talón se levantó</translation>
    </message>
    <message>
        <source>Best toe-to-wall distance (optional)</source>
        <translation>Mejor distancia dedo-pared (opcional)</translation>
    </message>
    <message>
        <source>Below {toe_cutoff} cm counts as a tight calf, whatever else is recorded.</source>
        <translation>Menos de {toe_cutoff} cm cuenta como gemelo acortado, se registre lo que se registre.</translation>
    </message>
    <message>
        <source>Below {angle_cutoff}° counts as tight hamstrings, unless the resting leg lifted or turned out during that raise. FMS 0 (pain): no hip stretches for that leg.</source>
        <translation>Menos de {angle_cutoff}° cuenta como isquiotibiales acortados, salvo que la pierna en reposo se elevara o rotara hacia fuera durante la elevación. FMS 0 (dolor): sin estiramientos de cadera para esa pierna.</translation>
    </message>
</context>
<context>
    <name>signature_box</name>
    <message>
        <source> (licence {licence})</source>
        <translation> (n.º de colegiado {licence})</translation>
    </message>
    <message>
        <source>Signed by {name}{licence} on {at}.</source>
        <translation>Firmada por {name}{licence} el {at}.</translation>
    </message>
    <message>
        <source>Imported as signed by {name}{licence}: the signature as the document gave it.</source>
        <translation>Importada como firmada por {name}{licence}: la firma tal como venía en el documento.</translation>
    </message>
    <message>
        <source>Finished before accounts existed: signed by {name}.</source>
        <translation>Finalizada antes de que hubiera cuentas: firmada por {name}.</translation>
    </message>
    <message>
        <source> (licence {author_licence})</source>
        <translation> (n.º de colegiado {author_licence})</translation>
    </message>
    <message>
        <source>Addendum {number}, {at}, {author}{licence}</source>
        <translation>Adenda {number}, {at}, {author}{licence}</translation>
    </message>
</context>
<context>
    <name>theme</name>
    <message>
        <source>Same as the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
</context>
<context>
    <name>triage_panel</name>
    <message>
        <source>not in force</source>
        <translation>sin efecto</translation>
    </message>
    <message>
        <source>&lt;b&gt;Red-flag checklist not done.&lt;/b&gt; No home programme is proposed until every question is answered.</source>
        <translation>&lt;b&gt;Lista de banderas rojas sin hacer.&lt;/b&gt; No se propone programa en casa hasta responder todas las preguntas.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not used until corrected&lt;/b&gt; (marked in red in the form; the triage is made without it):&lt;ul&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;b&gt;Sin usar hasta que se corrija&lt;/b&gt; (marcado en rojo en el formulario; el triaje se hace sin ello):&lt;ul&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not used until corrected&lt;/b&gt; (marked in red in the form; the triage is made without them):&lt;ul&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;b&gt;Sin usar hasta que se corrijan&lt;/b&gt; (marcados en rojo en el formulario; el triaje se hace sin ellos):&lt;ul&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Urgency raised by:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;{combinations}&lt;/ul&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Urgencia aumentada por:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;{combinations}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;&lt;b&gt;{flag}&lt;/b&gt; — reason: {reason}&lt;/li&gt;</source>
        <translation>&lt;li&gt;&lt;b&gt;{flag}&lt;/b&gt;: motivo: {reason}&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Referral letter ({when}), then the home programme.&lt;/b&gt;&lt;br&gt;Home programme given despite:&lt;ul&gt;{given}&lt;/ul&gt;{combinations}{not_in_force}</source>
        <translation>&lt;b&gt;Carta de derivación ({when}) y después el programa en casa.&lt;/b&gt;&lt;br&gt;Programa en casa dado a pesar de:&lt;ul&gt;{given}&lt;/ul&gt;{combinations}{not_in_force}</translation>
    </message>
    <message>
        <source> &lt;i&gt;(overridden — reason: {reason})&lt;/i&gt;</source>
        <translation> &lt;i&gt;(con excepción; motivo: {reason})&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;REFER — {when}.&lt;/b&gt; No home exercise programme.&lt;br&gt;{advice}{missing}&lt;p&gt;&lt;b&gt;Red flags:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;{flags}&lt;/ul&gt;{combinations}{not_in_force}</source>
        <translation>&lt;b&gt;DERIVAR: {when}.&lt;/b&gt; Sin programa de ejercicios en casa.&lt;br&gt;{advice}{missing}&lt;p&gt;&lt;b&gt;Banderas rojas:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;{flags}&lt;/ul&gt;{combinations}{not_in_force}</translation>
    </message>
    <message>
        <source>the referral is needed {when}</source>
        <translation>la derivación es necesaria {when}</translation>
    </message>
    <message>
        <source>&lt;li&gt;&lt;b&gt;{flag}&lt;/b&gt;: {why}. Remove it in Red flags to finish the visit.&lt;/li&gt;</source>
        <translation>&lt;li&gt;&lt;b&gt;{flag}&lt;/b&gt;: {why}. Quítela en Banderas rojas para finalizar la visita.&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Override not in force:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Excepción sin efecto:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Check this:&lt;/b&gt;&lt;ul&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;b&gt;Revise esto:&lt;/b&gt;&lt;ul&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Check these:&lt;/b&gt;&lt;ul&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;b&gt;Revise estos puntos:&lt;/b&gt;&lt;ul&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Complaints&lt;/h3&gt;&lt;p&gt;&lt;i&gt;No complaints recorded yet.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Molestias&lt;/h3&gt;&lt;p&gt;&lt;i&gt;Aún no hay molestias registradas.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Complaints&lt;/h3&gt;{rows}</source>
        <translation>&lt;h3&gt;Molestias&lt;/h3&gt;{rows}</translation>
    </message>
    <message>
        <source>, pain {pain}/10</source>
        <translation>, dolor {pain}/10</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#8d6e00&apos;&gt;Not explained by the screens done so far.&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#8d6e00&apos;&gt;Sin explicación en las pruebas hechas hasta ahora.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Findings&lt;/h3&gt;&lt;p&gt;&lt;i&gt;No abnormal findings so far.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Hallazgos&lt;/h3&gt;&lt;p&gt;&lt;i&gt;Sin hallazgos anormales por ahora.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Findings&lt;/h3&gt;&lt;ul&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;Hallazgos&lt;/h3&gt;&lt;ul&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source> &lt;i&gt;(additional finding)&lt;/i&gt;</source>
        <translation> &lt;i&gt;(hallazgo adicional)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;small&gt;&lt;a class=&apos;rule&apos; href=&apos;{RULE_LINK}{rule}&apos;&gt;rule&lt;/a&gt;&lt;/small&gt;</source>
        <translation>&lt;small&gt;&lt;a class=&apos;rule&apos; href=&apos;{RULE_LINK}{rule}&apos;&gt;regla&lt;/a&gt;&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Next&lt;/h3&gt;&lt;p&gt;Refer: no further screening tests (they load the painful part and delay the referral).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Siguiente&lt;/h3&gt;&lt;p&gt;Derivar: ninguna prueba más (cargan la parte dolorosa y retrasan la derivación).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Next&lt;/h3&gt;&lt;p&gt;Nothing more to screen for these complaints.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Siguiente&lt;/h3&gt;&lt;p&gt;Nada más que explorar para estas molestias.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Red-flag checklist</source>
        <translation>Lista de banderas rojas</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Next&lt;/h3&gt;&lt;ol&gt;{items}&lt;/ol&gt;</source>
        <translation>&lt;h3&gt;Siguiente&lt;/h3&gt;&lt;ol&gt;{items}&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Proposed plan&lt;/h3&gt;&lt;p&gt;&lt;i&gt;None until the red-flag checklist is done.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Plan propuesto&lt;/h3&gt;&lt;p&gt;&lt;i&gt;Ninguno hasta hacer la lista de banderas rojas.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Proposed plan&lt;/h3&gt;&lt;p&gt;&lt;i&gt;No exercises: no abnormal findings.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Plan propuesto&lt;/h3&gt;&lt;p&gt;&lt;i&gt;Sin ejercicios: no hay hallazgos anormales.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Proposed plan&lt;/h3&gt;&lt;ol&gt;{items}&lt;/ol&gt;{visit}</source>
        <translation>&lt;h3&gt;Plan propuesto&lt;/h3&gt;&lt;ol&gt;{items}&lt;/ol&gt;{visit}</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Not in today&apos;s plan&lt;/b&gt; (the plan is full):&lt;/p&gt;&lt;ul&gt;{items}&lt;/ul&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;No entra en el plan de hoy&lt;/b&gt; (el plan está lleno):&lt;/p&gt;&lt;ul&gt;{items}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Strengthening for {complaint}</source>
        <translation>Fortalecimiento para {complaint}</translation>
    </message>
</context>
<context>
    <name>wording</name>
    <message>
        <source>left</source>
        <translation>izquierda</translation>
    </message>
    <message>
        <source>right</source>
        <translation>derecha</translation>
    </message>
    <message>
        <source>both sides</source>
        <translation>ambos lados</translation>
    </message>
    <message>
        <source>left leg</source>
        <translation>pierna izquierda</translation>
    </message>
    <message>
        <source>right leg</source>
        <translation>pierna derecha</translation>
    </message>
    <message>
        <source>where it hurts</source>
        <translation>dónde duele</translation>
    </message>
    <message>
        <source>side</source>
        <translation>lado</translation>
    </message>
    <message>
        <source>pain (0-10)</source>
        <translation>dolor (0-10)</translation>
    </message>
    <message>
        <source>note</source>
        <translation>nota</translation>
    </message>
    <message>
        <source>a side</source>
        <translation>un lado</translation>
    </message>
    <message>
        <source>a result</source>
        <translation>un resultado</translation>
    </message>
    <message>
        <source>an exercise</source>
        <translation>un ejercicio</translation>
    </message>
    <message>
        <source>exercise</source>
        <translation>ejercicio</translation>
    </message>
    <message>
        <source>hold (s)</source>
        <translation>mantener (s)</translation>
    </message>
    <message>
        <source>reps</source>
        <translation>repeticiones</translation>
    </message>
    <message>
        <source>sets</source>
        <translation>series</translation>
    </message>
    <message>
        <source>times a day</source>
        <translation>veces al día</translation>
    </message>
    <message>
        <source>The clinic&apos;s emergency number is not set: set it in Settings (Ctrl+,).</source>
        <translation>El número de emergencias de la clínica no está puesto: póngalo en Configuración (Ctrl+,).</translation>
    </message>
    <message>
        <source>an unknown red flag</source>
        <translation>una bandera roja desconocida</translation>
    </message>
    <message>
        <source>An unknown red flag.</source>
        <translation>Una bandera roja desconocida.</translation>
    </message>
    <message>
        <source>this red flag is not in the checklist any more</source>
        <translation>esta bandera roja ya no está en la lista</translation>
    </message>
    <message>
        <source>the question is not answered Yes</source>
        <translation>la pregunta no tiene respuesta Sí</translation>
    </message>
    <message>
        <source>a flag that needs referral {when} can never be overridden</source>
        <translation>una bandera que pide derivar {when} nunca admite excepción</translation>
    </message>
    <message>
        <source>the referral is needed {when}, because of {reasons}</source>
        <translation>la derivación es necesaria {when}, por {reasons}</translation>
    </message>
    <message>
        <source>Patient: {field}</source>
        <translation>Paciente: {field}</translation>
    </message>
    <message>
        <source>Clinic {field}</source>
        <translation>Clínica: {field}</translation>
    </message>
    <message>
        <source>A complaint</source>
        <translation>Una molestia</translation>
    </message>
    <message>
        <source>Complaint {index}{what}</source>
        <translation>Molestia {index}{what}</translation>
    </message>
    <message>
        <source>Plan, exercise {index}{what}</source>
        <translation>Plan, ejercicio {index}{what}</translation>
    </message>
    <message>
        <source>Override {index}</source>
        <translation>Excepción {index}</translation>
    </message>
    <message>
        <source>Red-flag checklist</source>
        <translation>Lista de banderas rojas</translation>
    </message>
    <message>
        <source>Overrides</source>
        <translation>Excepciones</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>Pruebas</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>Fecha de la visita</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Terapeuta</translation>
    </message>
    <message>
        <source>The visit</source>
        <translation>La visita</translation>
    </message>
    <message>
        <source>one</source>
        <translation>una opción</translation>
    </message>
    <message>
        <source>Required: choose {what}.</source>
        <translation>Obligatorio: elija {what}.</translation>
    </message>
    <message>
        <source>“{got}” is not one of the choices: choose {what} from the list.</source>
        <translation>«{got}» no es una de las opciones: elija {what} de la lista.</translation>
    </message>
    <message>
        <source>“Central” is only for the midline ({midline}): choose left, right or both sides.</source>
        <translation>«Central» es solo para la línea media ({midline}): elija izquierda, derecha o ambos lados.</translation>
    </message>
    <message>
        <source>Required: choose {value}.</source>
        <translation>Obligatorio: elija {value}.</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Obligatorio.</translation>
    </message>
    <message>
        <source>Not something the app records here, so it is not used.</source>
        <translation>No es algo que la aplicación registre aquí, así que no se usa.</translation>
    </message>
    <message>
        <source>This exercise is not in the exercise library: remove it, and add one from the library.</source>
        <translation>Este ejercicio no está en la biblioteca de ejercicios: quítelo y añada uno de la biblioteca.</translation>
    </message>
    <message>
        <source>“{flag}” is not a question of today&apos;s checklist.</source>
        <translation>«{flag}» no es una pregunta de la lista de hoy.</translation>
    </message>
    <message>
        <source>Choose a result or type the craniovertebral angle.</source>
        <translation>Elija un resultado o escriba el ángulo craneovertebral.</translation>
    </message>
    <message>
        <source>Record at least one leg.</source>
        <translation>Registre al menos una pierna.</translation>
    </message>
    <message>
        <source>Record at least one answer for this leg.</source>
        <translation>Registre al menos una respuesta para esta pierna.</translation>
    </message>
    <message>
        <source>{what} was not used: {value}.</source>
        <translation>{what} no se usó: {value}.</translation>
    </message>
    <message>
        <source>{finding} ({side})</source>
        <translation>{finding} ({side})</translation>
    </message>
</context>
</TS>
