"""What a translated quotation keeps of the cable's English, per language: the function words to
ignore, a glossary of the words of diplomatic reporting that are not cognates, number words, and
the suffix rules that turn a Romance or German word into its English cognate ("modernização" ->
"modernization", "estabilidade" -> "stability", "militaire" -> "military").

Written for this project from general knowledge of the languages (not from any article), and kept
small: cognates and names carry most of a translation; the glossary covers the frequent words
that cognates miss (`embaixada`/embassy, `acordo`/agreement, `disse`/said). Claims in translation
(`trace.claims`) read the same glossary; its Swedish part (Swedish quotations are not traced:
it is not in `LANGUAGES`) and the words added for claims come from the claims' earlier list,
written while tuning claims on the dev articles.
"""

from __future__ import annotations

import re
from functools import cache

from cablescope.text import fold

LANGUAGES = ("pt", "es", "fr", "it", "de")

_STOP = {
    "pt": """a o as os um uma uns umas de do da dos das em no na nos nas ao aos à às por pelo pela
        pelos pelas para pra com sem sob sobre entre até após ante e ou mas nem que se não sim já
        ainda também só mesmo mesma isso isto aquilo esse essa esses essas este esta estes estas
        aquele aquela aqueles aquelas ele ela eles elas eu tu você vocês nós vos lhe lhes me te
        nos seu sua seus suas meu minha nosso nossa nossos nossas dele dela deles delas cujo qual
        quais quem onde quando como porque pois então lá aqui aí muito muita muitos muitas pouco
        mais menos tão tanto tanta todo toda todos todas cada outro outra outros outras algum
        alguma alguns algumas nenhum nenhuma é são foi foram era eram ser sido sendo está estão
        estava estavam estar esteve seria seriam será serão tem têm tinha tinham ter teve terá
        teria teriam há havia houve haver vai vão ia iam pode podem podia poderia poderiam deve
        devem deveria deveriam faz fazem fez fazer feito sua suas lo la los las num numa nesta
        temos devemos podemos vamos estamos somos tenho posso devo vou sou estou fomos tinha
        precisa precisam
        neste nessa nesse desse dessa deste desta daquele pelo qualquer quaisquer""",
    "es": """el la los las un una unos unas de del al a en por para con sin sobre entre hasta
        desde y o u e ni pero sino que se no sí ya aún todavía también solo mismo misma eso esto
        aquello ese esa esos esas este esta estos estas aquel aquella él ella ellos ellas yo tú
        usted ustedes nosotros nos le les lo me te su sus mi mis nuestro nuestra nuestros
        nuestras cuyo cual cuales quien quienes donde cuando como porque pues entonces allí aquí
        muy mucho mucha muchos muchas poco más menos tan tanto toda todo todos todas cada otro
        otra otros otras algún alguna algunos algunas ningún ninguna es son fue fueron era eran
        ser sido siendo está están estaba estaban estar sería serían será serán tiene tienen
        tenía tenían tener tuvo tendrá tendría hay había hubo haber va van iba puede pueden
        podía podría podrían debe deben debería deberían hace hacen hizo hacer hecho cualquier""",
    "fr": """le la les l un une des du de d au aux à en dans par pour avec sans sur sous entre
        jusqu et ou mais ni que qu qui quoi se s ne n pas plus moins non oui déjà encore aussi
        seulement même cela ceci ça ce cet cette ces celui celle ceux celles il elle ils elles je
        j tu vous nous on lui leur leurs me m te t son sa ses mon ma mes notre nos votre vos dont
        lequel laquelle lesquels où quand comme car donc alors là ici très beaucoup peu tant tout
        toute tous toutes chaque autre autres certains certaines aucun aucune est sont était
        étaient être été serait seraient sera seront a ont avait avaient avoir eu aurait auront
        y va vont allait peut peuvent pouvait pourrait pourraient doit doivent devrait devraient
        fait font faire si""",
    "it": """il lo la i gli le un uno una di del dello della dei degli delle a al allo alla ai
        agli alle da dal dalla dai dalle in nel nello nella nei negli nelle su sul sulla sui
        sulle per con senza tra fra fino e ed o ma né che se non sì già ancora anche solo stesso
        stessa ciò questo questa questi queste quello quella quelli quelle lui lei loro io tu
        voi noi ci vi gli si mi ti suo sua suoi sue mio mia nostro nostra nostri nostre cui
        quale quali chi dove quando come perché poi allora là qui molto molta molti molte poco
        più meno tanto tutto tutta tutti tutte ogni altro altra altri altre alcuni alcune
        nessuno è sono era erano essere stato stata sarebbe saranno sarà ha hanno aveva avevano
        avere avuto avrebbe c può possono poteva potrebbe deve devono dovrebbe fa fanno fare
        fatto""",
    "de": """der die das den dem des ein eine einen einem einer eines und oder aber nicht kein
        keine keinen sondern dass daß ob wenn als wie so zu zum zur in im ins an am auf aus bei
        mit nach von vom vor über unter zwischen durch für gegen ohne um bis seit es er sie wir
        ihr ich du man sich sein seine seinen seinem seiner ihre ihren ihrem ihrer unser unsere
        dieser diese dieses diesen jener jene welche welcher welches wer was wo wann auch noch
        schon nur sehr mehr weniger viel viele alle allen jeder jede jedes andere anderen ist
        sind war waren sein gewesen wäre wird werden wurde wurden würde würden hat haben hatte
        hatten hätte kann können konnte könnte muss müssen musste soll sollen sollte denn dort
        hier da dann""",
}

# foreign word (folded: lower case, no accents) = English words it is commonly rendered by
_GLOSSARY = {
    "pt": """eua=us usg united states americans american
        estados=states unidos=united americano=american us usg americana=american us usg
        americanos=americans us usg americanas=american
        brasil=brazil brazilian gob brasileiro=brazilian gob brazil brasileira=brazilian gob brazil
        brasileiros=brazilians brazilian brasileiras=brazilian
        itamaraty=mre itamaraty foreign ministry external relations
        embaixada=embassy mission post embaixador=ambassador embaixadora=ambassador
        consulado=consulate post consul=consul consul-geral=consul general
        governo=government gob usg administration governos=governments
        ministro=minister ministra=minister ministerio=ministry
        defesa=defense relacoes=relations exteriores=external foreign externa=foreign
        acordo=agreement deal acordos=agreements compra=purchase acquisition buy compras=purchases
        venda=sale sell vendas=sales aviao=aircraft plane avioes=aircraft planes
        caca=fighter cacas=fighters forcas=forces forca=force armadas=armed
        aerea=air marinha=navy exercito=army seguranca=security guerra=war paz=peace
        ameaca=threat ameacas=threats ataque=attack terrorismo=terrorism terrorista=terrorist
        disse=said told says diz=says said dizia=said was telling dizem=say said dizendo=saying
        afirmou=said stated declarou=said declared contou=told said relatou=reported told
        escreveu=wrote avaliou=assessed comentou=commented noted
        acredita=believes believe acreditam=believe acreditar=believe
        quer=wants want queria=wanted querem=want
        reuniao=meeting encontro=meeting meeting encontros=meetings conversa=conversation
        visita=visit viagem=trip travel visit
        pais=country paises=countries nacao=nation vizinho=neighbor vizinhos=neighbors
        lider=leader lideres=leaders lideranca=leadership liderancas=leaders leadership
        partido=party eleicao=election eleicoes=elections campanha=campaign
        presidente=president chanceler=foreign minister fm
        apoio=support apoiar=support apoiam=support
        ajuda=help assistance ajudar=help
        parceria=partnership parceiro=partner parceiros=partners
        objetivo=goal objective objetivos=goals objectives meta=goal
        estrategia=strategy estrategias=strategies plano=plan planos=plans
        desafio=challenge desafios=challenges problema=problem problemas=problems
        oportunidade=opportunity oportunidades=opportunities
        empresa=company business firm empresas=companies businesses firms
        mundo=world mundial=world global regiao=region
        forte=strong fortes=strong fraco=weak grande=great large big major grandes=great large
        pequeno=small pequena=small novo=new nova=new novos=new velho=old
        primeiro=first primeira=first segundo=second according terceiro=third
        ultimo=last recente=recent recentes=recent ano=year anos=years mes=month meses=months
        semana=week semanas=weeks dia=day dias=days hoje=today now
        janeiro=january fevereiro=february marco=march abril=april maio=may junho=june
        julho=july agosto=august setembro=september outubro=october novembro=november
        dezembro=december
        dinheiro=money recursos=resources funds orcamento=budget custo=cost custos=costs
        preco=price impostos=taxes
        lei=law leis=laws direitos=rights humanos=human justica=justice policia=police
        prisao=arrest prison preso=arrested presos=prisoners detained
        prisioneiros=prisoners detainees
        crime=crime droga=drug drogas=drugs trafico=trafficking
        petroleo=oil gas=gas energia=energy usina=plant
        escola=school criancas=kids children jovens=young youth youth
        mulher=woman mulheres=women homem=man homens=men pessoas=people povo=people
        imprensa=press midia=media jornal=newspaper
        mercado=market comercio=trade commerce comercial=trade commercial
        exportacao=export exportacoes=exports importacao=import
        tecnologia=technology tecnologias=technologies
        conhecimento=knowledge entendimento=understanding compreensao=understanding
        falta=lack absence
        esforco=effort esforcos=efforts tentativa=attempt tentativas=attempts
        decisao=decision decisoes=decisions escolha=choice selection
        relacao=relationship relation ties relacionamento=relationship relacionamentos=relationships
        lacos=ties bandeira=flag cerebro=brain boca=mouth inimigo=enemy
        verdade=truth mentira=lie erro=mistake error palhaco=clown
        vazias=empty vazio=empty perigosas=dangerous perigoso=dangerous
        estreita=narrow hollow narrow
        esquerda=left esquerdista=leftist esquerdistas=leftist direita=right
        centro-esquerda=left-of-center left center
        proxima=close next proximas=close next proximo=close next proximos=close next
        mais=more most menos=less fewer
        melhor=better best pior=worse worst
        sempre=always nunca=never frequentemente=frequently often
        ainda=still yet apenas=only just
        ilegal=illegal legal=legal
        refugiado=refugee refugiados=refugees
        odeia=hates hate odiar=hate
        confiaveis=trusted reliable confiavel=trusted reliable
        confianca=confidence trust
        raras=rare rara=rare
        reducao=decrease reduction decreases
        treinamento=training equipamento=equipment
        modernizacao=modernization modernize
        arruinaria=ruin ruin habilidade=ability mediador=mediate mediator
        assuntos=issues matters affairs
        tema=issue subject topic temas=issues subjects topics
        juntos=together junto=together
        visto=seen vista=seen view visao=view vision
        monitorar=monitoring monitor
        pobres=poorer poor pobre=poor
        criancas=kids children
        mostraram=showed evinced
        amigavel=friendly amigo=friend amigos=friends
        inimigos=enemies
        comunidade=community comunidades=communities
        sociedade=society laços=ties
        atrasos=delays atraso=delay
        abertura=openness opening aberto=open
        jogos=games olimpiadas=olympics
        copa=cup
        apagao=blackout
        vez=time
        obrigatorio=mandatory
        engenharia=engineering
        prejuizo=cost expense
        soberania=sovereignty
        vinte=twenty
        controle=control
        fora=outside
        agora=now
        papel=role
        imediato=immediate
        enquanto=while
        embora=although
        apesar=despite
        porem=however
        entretanto=however
        contudo=however
        entender=understand entende=understands understand pensa=thinks think pensar=think
        pretende=intends intend pretendem=intend mudar=change muda=changes change
        mudanca=change aumentar=increase enhance expand aumento=increase
        reforcar=strengthen reinforce reassert fortalecer=strengthen
        compartilhar=share compartilham=share compartilhamento=sharing
        preocupacao=concern preocupacoes=concerns preocupado=concerned
        financiados=funded financed financiamento=funding financing
        cenario=landscape scenario aproximar=engage approach
        recusou=refused rejected recusa=refusal refusal rejeitou=rejected
        pedido=request pedir=ask request pedindo=asking pediu=asked requested
        sucesso=success fracasso=failure medo=fear
        almoco=lunch relatorio=report relatorios=reports documento=document documentos=documents
        telegrama=cable telegramas=cables militar=military militares=military
        candidata=candidate candidato=candidate candidatura=candidacy candidate
        saude=health doenca=illness disease tumor=tumor cancer=cancer lymphoma
        submarino=submarine submarinos=submarines muculmana=muslim muculmano=muslim
        muculmanos=muslims muslim mesquita=mosque estudantes=students
        prendeu=arrested arrest arrestado=arrested legislacao=legislation law
        fronteira=border triplice=triborder tri-border olimpicos=olympic olympics
        infraestrutura=infrastructure cooperacao=cooperation xiitas=shia shiite
        sunitas=sunni sunnis extremistas=extremists extremist radicais=radicals radical
        moderados=moderates moderate recrutamento=recruitment recruit reclamou=complained
        queixou=complained agradeceu=thanked libanes=lebanese libaneses=lebanese arabe=arab
        arabes=arabs falsificacao=forgery terroristas=terrorists terrorist""",
    "es": """eeuu=us usg united states ee.uu.=us usg estados=states unidos=united
        estadounidense=american us usg norteamericano=american us usg americano=american us usg
        embajada=embassy mission post embajador=ambassador consulado=consulate post
        gobierno=government administration ministro=minister ministerio=ministry
        defensa=defense relaciones=relations exteriores=external foreign acuerdo=agreement deal
        compra=purchase acquisition venta=sale avion=aircraft plane aviones=aircraft planes
        fuerzas=forces fuerza=force armadas=armed aerea=air ejercito=army armada=navy
        seguridad=security guerra=war paz=peace amenaza=threat ataque=attack
        dijo=said told dice=says said afirmo=said stated declaro=said declared conto=told
        escribio=wrote cree=believes creen=believe quiere=wants queria=wanted
        reunion=meeting encuentro=meeting conversacion=conversation visita=visit viaje=trip
        pais=country paises=countries vecino=neighbor vecinos=neighbors lider=leader
        lideres=leaders partido=party eleccion=election elecciones=elections
        presidente=president canciller=foreign minister fm apoyo=support ayuda=help assistance
        socio=partner objetivo=goal objective estrategia=strategy plan=plan
        desafio=challenge problema=problem oportunidad=opportunity oportunidades=opportunities
        empresa=company business empresas=companies businesses mundo=world region=region
        fuerte=strong debil=weak grande=great large big pequeno=small nuevo=new viejo=old
        primero=first primer=first segundo=second ultimo=last ano=year anos=years mes=month
        semana=week dia=day hoy=today enero=january febrero=february marzo=march abril=april
        mayo=may junio=june julio=july agosto=august septiembre=september octubre=october
        noviembre=november diciembre=december dinero=money recursos=resources
        presupuesto=budget costo=cost precio=price ley=law derechos=rights humanos=human
        justicia=justice policia=police carcel=prison preso=prisoner presos=prisoners
        droga=drugs drogas=drugs narcotrafico=drug trafficking petroleo=oil energia=energy
        prensa=press medios=media periodico=newspaper comercio=trade mercado=market
        tecnologia=technology conocimiento=knowledge falta=lack esfuerzo=effort
        decision=decision relacion=relationship lazos=ties bandera=flag enemigo=enemy
        verdad=truth mentira=lie error=mistake izquierda=left derecha=right
        cercano=close proximo=next close mas=more most menos=less mejor=better best
        peor=worse siempre=always nunca=never todavia=still solamente=only
        refugiado=refugee refugiados=refugees odia=hates comunidad=community
        sociedad=society juegos=games
        almuerzo=lunch informe=report documento=document documentos=documents
        militar=military militares=military candidato=candidate salud=health
        enfermedad=illness disease submarino=submarine musulmanes=muslims muslim
        mezquita=mosque estudiantes=students jovenes=young youth frontera=border
        infraestructura=infrastructure cooperacion=cooperation terrorismo=terrorism
        terroristas=terrorists terrorist legislacion=legislation law""",
    "fr": """etats-unis=us usg united states etats=states unis=united americain=american us usg
        americaine=american us usg americains=americans us usg usa=us usg
        ambassade=embassy mission post ambassadeur=ambassador consulat=consulate post
        gouvernement=government administration ministre=minister ministere=ministry
        defense=defense affaires=affairs etrangeres=foreign accord=agreement deal
        achat=purchase acquisition vente=sale avion=aircraft plane avions=aircraft planes
        chasseur=fighter forces=forces armee=army armees=forces marine=navy
        securite=security guerre=war paix=peace menace=threat menaces=threats attaque=attack
        dit=said says told a=has declare=said declared ecrit=wrote raconte=told croit=believes
        veut=wants voulait=wanted reunion=meeting rencontre=meeting entretien=meeting
        conversation=conversation visite=visit voyage=trip pays=country countries
        voisin=neighbor voisins=neighbors dirigeant=leader dirigeants=leaders chef=leader head
        parti=party election=election elections=elections president=president
        soutien=support aide=help assistance partenaire=partner objectif=goal objective
        strategie=strategy plan=plan defi=challenge probleme=problem opportunite=opportunity
        entreprise=company business entreprises=companies businesses monde=world
        region=region fort=strong forte=strong faible=weak grand=great large big
        grande=great large petit=small nouveau=new nouvelle=new vieux=old premier=first
        premiere=first second=second dernier=last annee=year annees=years an=year ans=years
        mois=month semaine=week jour=day jours=days aujourd=today janvier=january
        fevrier=february mars=march avril=april mai=may juin=june juillet=july aout=august
        septembre=september octobre=october novembre=november decembre=december
        argent=money ressources=resources budget=budget cout=cost prix=price loi=law
        droits=rights homme=man human hommes=men justice=justice police=police prison=prison
        drogue=drugs petrole=oil energie=energy presse=press medias=media journal=newspaper
        commerce=trade marche=market technologie=technology connaissance=knowledge
        manque=lack effort=effort decision=decision relation=relationship relations=relations
        liens=ties drapeau=flag ennemi=enemy verite=truth mensonge=lie erreur=mistake
        gauche=left droite=right proche=close prochain=next plus=more most moins=less
        meilleur=better best pire=worse toujours=always jamais=never seulement=only
        refugie=refugee refugies=refugees deteste=hates communaute=community societe=society
        cables=cables telegrammes=cables documents=documents
        dejeuner=lunch rapport=report militaire=military militaires=military candidat=candidate
        sante=health maladie=illness disease musulmans=muslims muslim mosquee=mosque
        etudiants=students jeunes=young youth frontiere=border infrastructure=infrastructure
        cooperation=cooperation terrorisme=terrorism terroristes=terrorists terrorist""",
    "it": """usa=us usg stati=states uniti=united americano=american us usg
        americana=american us usg americani=americans us usg
        ambasciata=embassy mission post ambasciatore=ambassador
        consolato=consulate post governo=government administration ministro=minister
        ministero=ministry difesa=defense esteri=foreign affari=affairs accordo=agreement deal
        acquisto=purchase acquisition vendita=sale aereo=aircraft plane aerei=aircraft planes
        caccia=fighter forze=forces forza=force armate=armed esercito=army marina=navy
        sicurezza=security guerra=war pace=peace minaccia=threat attacco=attack disse=said told
        dice=says said ha=has detto=said scrisse=wrote crede=believes vuole=wants voleva=wanted
        riunione=meeting incontro=meeting colloquio=meeting conversazione=conversation
        visita=visit viaggio=trip paese=country paesi=countries vicino=neighbor vicini=neighbors
        leader=leader dirigenti=leaders partito=party elezione=election elezioni=elections
        presidente=president sostegno=support appoggio=support aiuto=help assistance
        partner=partner obiettivo=goal objective strategia=strategy piano=plan sfida=challenge
        problema=problem opportunita=opportunity azienda=company business aziende=companies
        businesses mondo=world regione=region forte=strong debole=weak grande=great large big
        piccolo=small nuovo=new vecchio=old primo=first secondo=second according ultimo=last
        anno=year anni=years mese=month settimana=week giorno=day giorni=days oggi=today
        gennaio=january febbraio=february marzo=march aprile=april maggio=may giugno=june
        luglio=july agosto=august settembre=september ottobre=october novembre=november
        dicembre=december soldi=money denaro=money risorse=resources bilancio=budget
        costo=cost prezzo=price legge=law diritti=rights umani=human giustizia=justice
        polizia=police prigione=prison carcere=prison droga=drugs petrolio=oil energia=energy
        stampa=press giornale=newspaper commercio=trade mercato=market tecnologia=technology
        conoscenza=knowledge mancanza=lack sforzo=effort decisione=decision rapporto=relationship
        rapporti=relations legami=ties bandiera=flag nemico=enemy verita=truth bugia=lie
        errore=mistake sinistra=left destra=right vicina=close prossimo=next piu=more most
        meno=less migliore=better best peggiore=worse sempre=always mai=never soltanto=only
        rifugiato=refugee rifugiati=refugees odia=hates comunita=community societa=society
        cablogrammi=cables cablo=cable""",
    "de": """usa=us usg vereinigten=united staaten=states amerikanisch=american us usg
        amerikanische=american us usg amerikaner=americans us usg botschaft=embassy mission post
        botschafter=ambassador konsulat=consulate post regierung=government administration
        minister=minister ministerium=ministry verteidigung=defense verteidigungsminister=defense
        minister aussenminister=foreign minister fm aussenministerium=foreign ministry
        abkommen=agreement vereinbarung=agreement kauf=purchase acquisition verkauf=sale
        flugzeug=aircraft plane flugzeuge=aircraft planes kampfflugzeug=fighter
        streitkrafte=forces armee=army marine=navy sicherheit=security krieg=war frieden=peace
        bedrohung=threat angriff=attack sagte=said told sagt=says said erklarte=said declared
        schrieb=wrote glaubt=believes will=wants wollte=wanted treffen=meeting
        gesprach=conversation meeting besuch=visit reise=trip land=country lander=countries
        nachbar=neighbor nachbarn=neighbors fuhrer=leader politiker=politicians partei=party
        wahl=election wahlen=elections prasident=president unterstutzung=support hilfe=help
        assistance partner=partner ziel=goal objective strategie=strategy plan=plan
        herausforderung=challenge problem=problem gelegenheit=opportunity chance=opportunity
        unternehmen=company companies business firma=firm welt=world region=region
        stark=strong starke=strong schwach=weak gross=great large big grosse=great large
        klein=small neu=new neue=new alt=old erste=first erster=first zweite=second
        letzte=last jahr=year jahre=years jahren=years monat=month woche=week tag=day
        tage=days heute=today januar=january februar=february marz=march april=april mai=may
        juni=june juli=july august=august september=september oktober=october
        november=november dezember=december geld=money mittel=resources funds haushalt=budget
        kosten=costs cost preis=price gesetz=law rechte=rights menschenrechte=human rights
        justiz=justice polizei=police gefangnis=prison drogen=drugs ol=oil energie=energy
        presse=press medien=media zeitung=newspaper handel=trade markt=market
        technologie=technology wissen=knowledge mangel=lack bemuhung=effort
        entscheidung=decision beziehung=relationship beziehungen=relations flagge=flag
        feind=enemy wahrheit=truth luge=lie fehler=mistake links=left rechts=right nah=close
        nachste=next mehr=more meisten=most weniger=less besser=better beste=best immer=always
        nie=never niemals=never nur=only fluchtling=refugee fluchtlinge=refugees hasst=hates
        gemeinschaft=community gesellschaft=society depeschen=cables depesche=cable""",
    "sv": """usa=us usg amerikansk=american us usg amerikanska=american us usg
        amerikanskt=american us usg amerikanerna=americans us usg
        ambassador=ambassador ambassadoren=ambassador ambassadoren=ambassador
        ambassad=embassy mission post ambassaden=embassy mission post ambassaderna=embassies
        konsulatet=consulate post minister=minister ministern=minister
        ministeriet=ministry departement=ministry department departementet=ministry
        regeringen=government regering=government regeringar=governments
        mote=meeting motet=meeting moten=meetings motte=met mottes=met traffade=met
        lunch=lunch besok=visit besoket=visit resa=trip travel
        telegram=cable telegrammet=cable telegrammen=cables kryptofax=cable kryptofaxet=cable
        rapport=report rapporten=report rapporter=reports rapporterna=reports
        dokument=document documents dokumenten=documents dokumentet=document
        avtal=agreement avtalet=agreement forsvar=defense forsvaret=defense
        militar=military militara=military jaktplan=fighter fighters aircraft
        jaktplanen=fighter fighters aircraft flygplan=aircraft plane planes
        flygplanen=aircraft plane planes plan=aircraft plane planes planet=aircraft plane
        flygvapnet=air force flygvapen=air force kopa=purchase buy kop=purchase
        kopet=purchase forsaljning=sale sell terrorism=terrorism terrorister=terrorists
        polis=police polisen=police underrattelsetjanst=intelligence
        underrattelsetjanster=intelligence sakerhet=security val=election elections
        valet=election kandidat=candidate parti=party partiet=party halsa=health
        sjukdom=illness disease olja=oil petroleum ubat=submarine muslimer=muslims muslim
        moske=mosque elever=students unga=youth young gripen=arrest arrested lag=law
        lagen=law legislation gransen=border grans=border krig=war kriget=war
        samarbete=cooperation samarbetet=cooperation relationerna=relations
        utrikes=foreign hot=threat hotet=threat pengar=money funds klagade=complained
        tackade=thanked sa=said sade=said sager=says said uppgav=stated said
        berattade=told said norge=norway norwegian norska=norway norwegian
        norske=norway norwegian norrmannen=norway norwegian sverige=sweden swedish
        svenska=sweden swedish svenske=sweden swedish svenskarna=sweden swedish
        danmark=denmark danish holland=dutch netherlands finland=finland finnish
        finlands=finland finnish ryssland=russia russian rysslands=russia russian
        irans=iran iranian karnprogram=nuclear program kosovos=kosovo
        erkannande=recognition neutraliteten=neutrality neutralitet=neutrality
        alliansfrihet=non-alignment alliances nordiskt=nordic nordiska=nordic norden=nordic
        socialdemokraterna=social democrats socialdemokraternas=social democrats
        riksdagen=parliament utrikesutskottet=foreign affairs committee
        utrikesutskottets=foreign affairs committee flickor=girls skolan=school
        talibanerna=taliban missilforsvaret=missile defense
        upphandling=purchase competition fighter upphandlingen=purchase competition fighter
        beslut=decision beslutet=decision radarn=radar radar=radar tillstand=license release
        opinionen=opinion public negativt=negative medier=media press hjalp=help
        stod=support premiarminister=prime minister premiarministern=prime minister
        statsminister=prime minister statsministern=prime minister
        utrikesminister=foreign minister utrikesministern=foreign minister
        forsvarsminister=defense minister forsvarsministern=defense minister
        forsvarsministeriet=defense ministry""",
}

_NUMBERS = {
    "pt": "um=1 uma=1 dois=2 duas=2 tres=3 quatro=4 cinco=5 seis=6 sete=7 oito=8 nove=9 dez=10 "
          "onze=11 doze=12 quinze=15 vinte=20 trinta=30 quarenta=40 cinquenta=50 cem=100 "
          "mil=1000 milhao=million milhoes=million bilhao=billion bilhoes=billion",
    "es": "uno=1 una=1 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 "
          "once=11 doce=12 quince=15 veinte=20 treinta=30 cuarenta=40 cincuenta=50 cien=100 "
          "mil=1000 millon=million millones=million",
    "fr": "un=1 une=1 deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 huit=8 neuf=9 dix=10 onze=11 "
          "douze=12 quinze=15 vingt=20 trente=30 quarante=40 cinquante=50 cent=100 mille=1000 "
          "million=million millions=million milliard=billion milliards=billion",
    "it": "uno=1 una=1 due=2 tre=3 quattro=4 cinque=5 sei=6 sette=7 otto=8 nove=9 dieci=10 "
          "undici=11 dodici=12 quindici=15 venti=20 trenta=30 quaranta=40 cinquanta=50 "
          "cento=100 mille=1000 milione=million milioni=million miliardo=billion",
    "de": "eins=1 ein=1 eine=1 zwei=2 drei=3 vier=4 funf=5 sechs=6 sieben=7 acht=8 neun=9 "
          "zehn=10 elf=11 zwolf=12 funfzehn=15 zwanzig=20 dreissig=30 vierzig=40 funfzig=50 "
          "hundert=100 tausend=1000 million=million millionen=million milliarde=billion",
}
# Nationality adjectives (masculine singular, folded) -> the English country and adjective: a
# quotation's "cubano" where the cable says "Cuban" is a name that must be there (an invented
# nationality makes another quotation). American and Brazilian are left out: the cables' own.
_NATIONALITIES = {
    "pt": """cubano=cuba cuban venezuelano=venezuela venezuelan boliviano=bolivia bolivian
        argentino=argentina argentine chileno=chile chilean colombiano=colombia colombian
        paraguaio=paraguay paraguayan uruguaio=uruguay uruguayan peruano=peru peruvian
        equatoriano=ecuador ecuadorian mexicano=mexico mexican haitiano=haiti haitian
        hondurenho=honduras honduran frances=france french alemao=germany german
        britanico=britain british uk ingles=england english britain british russo=russia russian
        chines=china chinese japones=japan japanese iraniano=iran iranian iraquiano=iraq iraqi
        israelense=israel israeli palestino=palestinian palestine libanes=lebanon lebanese
        sirio=syria syrian sueco=sweden swedish noruegues=norway norwegian italiano=italy italian
        espanhol=spain spanish turco=turkey turkish egipcio=egypt egyptian saudita=saudi
        indiano=india indian paquistanes=pakistan pakistani afegao=afghanistan afghan
        coreano=korea korean""",
    "es": """cubano=cuba cuban venezolano=venezuela venezuelan boliviano=bolivia bolivian
        argentino=argentina argentine chileno=chile chilean colombiano=colombia colombian
        paraguayo=paraguay paraguayan uruguayo=uruguay uruguayan peruano=peru peruvian
        ecuatoriano=ecuador ecuadorian mexicano=mexico mexican haitiano=haiti haitian
        hondureno=honduras honduran frances=france french aleman=germany german
        britanico=britain british uk ingles=england english britain ruso=russia russian
        chino=china chinese japones=japan japanese irani=iran iranian iraqui=iraq iraqi
        israeli=israel israeli palestino=palestinian libanes=lebanon lebanese sirio=syria syrian
        sueco=sweden swedish italiano=italy italian turco=turkey turkish egipcio=egypt egyptian
        saudi=saudi indio=india indian pakistani=pakistan pakistani afgano=afghanistan afghan
        coreano=korea korean""",
    "fr": """cubain=cuba cuban venezuelien=venezuela venezuelan bolivien=bolivia bolivian
        argentin=argentina argentine chilien=chile chilean colombien=colombia colombian
        mexicain=mexico mexican haitien=haiti haitian allemand=germany german
        britannique=britain british uk anglais=england english britain russe=russia russian
        chinois=china chinese japonais=japan japanese iranien=iran iranian irakien=iraq iraqi
        israelien=israel israeli palestinien=palestinian libanais=lebanon lebanese
        syrien=syria syrian suedois=sweden swedish italien=italy italian espagnol=spain spanish
        turc=turkey turkish egyptien=egypt egyptian saoudien=saudi indien=india indian
        pakistanais=pakistan pakistani afghan=afghanistan afghan coreen=korea korean""",
    "it": """cubano=cuba cuban venezuelano=venezuela venezuelan boliviano=bolivia bolivian
        argentino=argentina argentine cileno=chile chilean colombiano=colombia colombian
        messicano=mexico mexican haitiano=haiti haitian francese=france french tedesco=germany
        german britannico=britain british uk inglese=england english britain russo=russia russian
        cinese=china chinese giapponese=japan japanese iraniano=iran iranian iracheno=iraq iraqi
        israeliano=israel israeli palestinese=palestinian libanese=lebanon lebanese
        siriano=syria syrian svedese=sweden swedish spagnolo=spain spanish turco=turkey turkish
        egiziano=egypt egyptian saudita=saudi indiano=india indian pakistano=pakistan pakistani
        afgano=afghanistan afghan coreano=korea korean""",
    "de": """kubanisch=cuba cuban venezolanisch=venezuela venezuelan bolivianisch=bolivia bolivian
        argentinisch=argentina argentine chilenisch=chile chilean kolumbianisch=colombia
        colombian mexikanisch=mexico mexican franzosisch=france french deutsch=germany german
        britisch=britain british uk englisch=england english russisch=russia russian
        chinesisch=china chinese japanisch=japan japanese iranisch=iran iranian irakisch=iraq
        iraqi israelisch=israel israeli palastinensisch=palestinian libanesisch=lebanon lebanese
        syrisch=syria syrian schwedisch=sweden swedish italienisch=italy italian
        spanisch=spain spanish turkisch=turkey turkish agyptisch=egypt egyptian
        saudisch=saudi indisch=india indian pakistanisch=pakistan pakistani
        afghanisch=afghanistan afghan koreanisch=korea korean""",
}


@cache
def nationalities(lang: str) -> dict[str, tuple[str, ...]]:
    """Folded nationality adjective -> English country and adjective."""
    return {k: tuple(v.split()) for k, v in _pairs(_NATIONALITIES.get(lang, ""))}


def nationality(word: str, lang: str) -> tuple[str, ...]:
    """The English of a nationality adjective in any gender and number ('venezuelanas')."""
    table = nationalities(lang)
    for form in (word, *singular(word, lang)):
        for candidate in (form, form[:-1] + "o" if form.endswith("a") else form,
                          form[:-1] if form.endswith(("e", "a")) else form,
                          form[:-2] if form.endswith(("en", "er", "es")) else form,
                          form + "o", form[:-2] + "ao" if form.endswith("ae") else form):
            if candidate in table:
                return table[candidate]
    return ()


ENGLISH_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
    "thousand": "1000",
}

# Suffix rules: foreign ending -> English ending, longest first (applied once, to folded words).
_SUFFIXES = {
    "pt": """izacoes=izations izacao=ization coes=tions cao=tion soes=sions sao=sion
        dades=ties dade=ty mente=ly encias=ences encia=ence ancias=ances ancia=ance
        aveis=ables avel=able iveis=ibles ivel=ible ismos=isms ismo=ism istas=ists ista=ist
        icos=ics icas=ics ico=ic ica=ic arios=aries ario=ary aria=ary ivos=ives ivas=ives
        ivo=ive iva=ive osos=ous osas=ous oso=ous osa=ous izar=ize izou=ized ados=ated
        ado=ated ada=ated ar=ate""",
    "es": """izaciones=izations izacion=ization ciones=tions cion=tion siones=sions sion=sion
        dades=ties dad=ty mente=ly encias=ences encia=ence ancias=ances ancia=ance
        ables=ables able=able ibles=ibles ible=ible ismos=isms ismo=ism istas=ists ista=ist
        icos=ics icas=ics ico=ic ica=ic arios=aries ario=ary aria=ary ivos=ives ivo=ive
        iva=ive osos=ous oso=ous osa=ous izar=ize ados=ated ado=ated ada=ated ar=ate""",
    "fr": """isations=izations isation=ization tions=tions tion=tion sions=sions sion=sion
        ites=ities ite=ity ement=ly ment=ly iques=ics ique=ic aires=aries aire=ary ives=ives
        ive=ive if=ive euses=ous euse=ous eux=ous iser=ize ise=ized isme=ism iste=ist
        istes=ists e=""",
    "it": """izzazioni=izations izzazione=ization zioni=tions zione=tion sioni=sions sione=sion
        ita=ity mente=ly enze=ences enza=ence anze=ances anza=ance abili=ables abile=able
        ibili=ibles ibile=ible ismi=isms ismo=ism isti=ists ista=ist ici=ics iche=ics ico=ic
        ica=ic ari=aries ario=ary aria=ary ivi=ives ivo=ive iva=ive osi=ous oso=ous osa=ous
        izzare=ize ati=ated ato=ated ata=ated are=ate""",
    "de": """isierung=ization ationen=ations ation=ation itaten=ities itat=ity ismus=ism
        istisch=istic isch=ic ische=ic ischen=ic iert=ized ieren=ize ierung=ation ik=ic
        ist=ist isten=ists ell=al elle=al ellen=al""",
}


def _pairs(spec: str) -> list[tuple[str, str]]:
    out = []
    for item in re.split(r"\s+(?=[^\s=]+=)", spec.strip()):
        key, _, value = item.partition("=")
        out.append((fold(key.strip()), value.strip()))
    return out


@cache
def stop_words(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _STOP.get(lang, "").split())


@cache
def glossary(lang: str) -> dict[str, tuple[str, ...]]:
    """Folded foreign word -> English words (folded, lower case)."""
    out: dict[str, tuple[str, ...]] = {}
    for key, value in _pairs(_GLOSSARY.get(lang, "")):
        words = tuple(dict.fromkeys(fold(w) for w in re.split(r"[\s-]+", value) if w))
        out[key] = tuple(dict.fromkeys([*out.get(key, ()), *words]))
    return out


@cache
def number_words(lang: str) -> dict[str, str]:
    return dict(_pairs(_NUMBERS.get(lang, "")))


@cache
def suffix_rules(lang: str) -> tuple[tuple[str, str], ...]:
    rules = [(k, v) for k, v in _pairs(_SUFFIXES.get(lang, ""))]
    return tuple(sorted(rules, key=lambda kv: -len(kv[0])))


# inflections dropped to find a word's stem (longest first): plural, gender, common verb endings
_ENDINGS = {
    "pt": "aram eram iram ando endo indo avam iam ava ou am em es s a o e",
    "es": "aron ieron ando iendo aban aba an en es s a o e",
    "fr": "aient ait ant ent ons ez es s e",
    "it": "arono ando endo ano ono avano ava i e a o",
    "de": "ungen ung en er es e n s",
}


def singular(word: str, lang: str) -> tuple[str, ...]:
    """The word as a glossary may list it: itself, without a plural ending ('embaixadas' ->
    'embaixada', 'relacoes' -> 'relacao')."""
    out = [word]
    if lang == "pt" and word.endswith("oes"):
        out.append(word[:-3] + "ao")
    if word.endswith("es") and len(word) > 4:
        out.append(word[:-2])
    if word.endswith("s") and len(word) > 3:
        out.append(word[:-1])
    return tuple(out)


def cognate_forms(word: str, lang: str) -> tuple[str, ...]:
    """The folded word and what its ending becomes in English ('modernizacao' ->
    'modernization'); plural, gender and verb endings dropped ('militares' -> 'militar',
    'consultem' -> 'consult')."""
    forms = [word]
    for src, dst in suffix_rules(lang):
        if word.endswith(src) and len(word) - len(src) >= 3:
            forms.append(word[: len(word) - len(src)] + dst)
            break
    stem = word
    for ending in ("es", "s", "a", "o", "e", "i", "en", "n"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 4:
            stem = stem[: -len(ending)]
            break
    forms.append(stem)
    if lang == "de":  # German spelling of Latin words: k/z for c
        forms.append(stem.replace("k", "c").replace("z", "c"))
    return tuple(dict.fromkeys(forms))
